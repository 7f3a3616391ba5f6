package cn.beijing.iip.registry.system.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.identity.CreditCode;
import cn.beijing.iip.registry.identity.Roles;
import cn.beijing.iip.registry.system.support.RegistrySystem;
import cn.beijing.iip.registry.system.support.SystemTest;
import tools.jackson.databind.JsonNode;

/** Every row of CONTRACT's API table, and its error rows, through the gateway with Keycloak's tokens. */
class ContractIT extends SystemTest {

    private final RegistrySystem.Enterprise owner;
    private final RegistrySystem.Enterprise other;
    private final String reviewer;
    private final String admin;

    ContractIT(RegistrySystem system) {
        super(system);
        owner = system.newEnterprise("Contract Owner Co., Ltd.");
        other = system.newEnterprise("Contract Other Co., Ltd.");
        reviewer = system.token("reviewer");
        admin = system.token("admin");
    }

    @Test
    void createsADraftForTheCallersEnterpriseAndRepeatsAnIdempotentCreate() {
        Map<String, Object> body = completeBody("platforms", "Idempotent Platform");

        Http.Response first = http.post("/api/platforms").token(owner.token()).header("Idempotency-Key", "create-42").json(body).send();
        Http.Response retry = http.post("/api/platforms").token(owner.token()).header("Idempotency-Key", "create-42").json(body).send();

        expect(first, 201);
        assertThat(first.json().get("status").asString()).isEqualTo("DRAFT");
        assertThat(first.json().get("owner").get("name").asString()).isEqualTo("Contract Owner Co., Ltd.");
        assertThat(retry.status()).isIn(200, 201);
        assertThat(retry.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        expectProblem(http.post("/api/platforms").token(owner.token()).json(body).send(), 409, "duplicate-name");
    }

    @Test
    void showsDraftsOnlyToOwnerAndReviewersAndApprovedEntriesToEveryone() {
        String draft = create(owner.token(), "platforms", completeBody("platforms", "Draft Platform"));
        String published = approved(owner, "platforms", completeBody("platforms", "Published Platform"));

        expect(http.get("/api/platforms/" + draft).send(), 404);
        expect(http.get("/api/platforms/" + draft).token(other.token()).send(), 404);
        expect(http.get("/api/platforms/" + draft).token(owner.token()).send(), 200);
        expect(http.get("/api/platforms/" + draft).token(reviewer).send(), 200);
        expect(http.get("/api/platforms/" + draft).token(admin).send(), 200);
        Http.Response anonymous = expect(http.get("/api/platforms/" + published).send(), 200);
        assertThat(anonymous.header("ETag")).contains("\"" + anonymous.json().get("version").asLong() + "\"");
    }

    @Test
    void updatesOnlyWithIfMatchAndOnlyInEditableStates() {
        Map<String, Object> body = completeBody("security-products", "Versioned Firewall");
        String id = create(owner.token(), "security-products", body);
        body.put("description", "second edition");

        expectProblem(http.put("/api/security-products/" + id).token(owner.token()).json(body).send(), 428, "precondition-required");
        expectProblem(http.put("/api/security-products/" + id).token(owner.token()).header("If-Match", "\"7\"").json(body).send(),
                412, "precondition-failed");
        expect(http.put("/api/security-products/" + id).token(other.token()).header("If-Match", "\"1\"").json(body).send(), 404);
        JsonNode updated = expect(http.put("/api/security-products/" + id).token(owner.token()).header("If-Match", "\"1\"")
                .json(body).send(), 200).json();
        assertThat(updated.get("version").asLong()).isEqualTo(2);
        expect(act(owner.token(), "security-products", id, "submit", null), 200);
        expectProblem(http.put("/api/security-products/" + id).token(owner.token()).header("If-Match", "\"3\"").json(body).send(),
                409, "illegal-transition");
    }

    @Test
    void deletesOnlyDrafts() {
        String draft = create(owner.token(), "security-products", completeBody("security-products", "Short-lived Probe"));
        String submitted = create(owner.token(), "security-products", completeBody("security-products", "Submitted Probe"));
        expect(act(owner.token(), "security-products", submitted, "submit", null), 200);

        expect(http.delete("/api/security-products/" + draft).token(other.token()).send(), 404);
        expect(http.delete("/api/security-products/" + draft).token(owner.token()).send(), 204);
        expectProblem(http.delete("/api/security-products/" + submitted).token(owner.token()).send(), 409, "illegal-transition");
    }

    @Test
    void submitsWithdrawsAndNamesEveryMissingFieldOfAnIncompleteEntry() {
        String sparse = create(owner.token(), "platforms", Map.of("name", "Sparse Platform"));
        String full = create(owner.token(), "platforms", completeBody("platforms", "Full Platform"));

        JsonNode incomplete = expectProblem(act(owner.token(), "platforms", sparse, "submit", null), 400, "incomplete").json();
        assertThat(incomplete.get("errors").findValuesAsString("field")).contains("industries", "region", "description",
                "connectedDevices", "enterprisesServed", "declaredRevenueCny");
        expect(act(owner.token(), "platforms", full, "submit", null), 200);
        assertThat(expect(act(owner.token(), "platforms", full, "withdraw", null), 200).json().get("status").asString())
                .isEqualTo("DRAFT");
        expectProblem(act(owner.token(), "platforms", full, "withdraw", null), 409, "illegal-transition");
    }

    @Test
    void reviewsSubmittedEntriesWithTheRulesOfTheContract() {
        String id = create(owner.token(), "solution-providers", completeBody("solution-providers", "Reviewed Provider"));
        expectProblem(act(reviewer, "solution-providers", id, "review", Map.of("decision", "APPROVE")), 409, "illegal-transition");
        expect(act(owner.token(), "solution-providers", id, "submit", null), 200);

        expectProblem(act(owner.token(), "solution-providers", id, "review", Map.of("decision", "APPROVE")), 403, "forbidden");
        expectProblem(act(reviewer, "solution-providers", id, "review", Map.of("decision", "REJECT")), 400, "validation");
        expectProblem(act(reviewer, "solution-providers", id, "review", Map.of("decision", "MAYBE")), 400, "wrong-type");
        assertThat(expect(act(reviewer, "solution-providers", id, "review",
                Map.of("decision", "REQUEST_CHANGES", "comment", "add reference cases")), 200).json().get("status").asString())
                .isEqualTo("CHANGES_REQUESTED");
        expect(act(owner.token(), "solution-providers", id, "submit", null), 200);
        assertThat(expect(act(reviewer, "solution-providers", id, "review",
                Map.of("decision", "REJECT", "comment", "no national reach")), 200).json().get("status").asString())
                .isEqualTo("REJECTED");
        expect(act(owner.token(), "solution-providers", id, "submit", null), 200);
        assertThat(expect(act(admin, "solution-providers", id, "review", Map.of("decision", "APPROVE")), 200)
                .json().get("status").asString()).isEqualTo("APPROVED");
        expectProblem(http.post("/api/solution-providers").token(owner.token())
                .json(completeBody("solution-providers", "Second Profile")).send(), 409, "one-per-enterprise");
    }

    @Test
    void keepsAReviewerFromDecidingOnTheirOwnEnterprisesEntry() {
        RegistrySystem.Enterprise both = system.newEnterprise("Reviewing Enterprise Co., Ltd.", Roles.REVIEWER);
        String id = create(both.token(), "platforms", completeBody("platforms", "Own Platform"));
        expect(act(both.token(), "platforms", id, "submit", null), 200);

        expectProblem(act(both.token(), "platforms", id, "review", Map.of("decision", "APPROVE")), 403, "own-enterprise");
        expect(act(reviewer, "platforms", id, "review", Map.of("decision", "APPROVE")), 200);
    }

    @Test
    void revokesAndReopensOnlyAsAdmin() {
        String id = approved(owner, "platforms", completeBody("platforms", "Revocable Platform"));

        expectProblem(act(reviewer, "platforms", id, "revoke", Map.of("reason", "licence withdrawn")), 403, "forbidden");
        expectProblem(act(admin, "platforms", id, "revoke", Map.of()), 400, "validation");
        assertThat(expect(act(admin, "platforms", id, "revoke", Map.of("reason", "licence withdrawn")), 200)
                .json().get("status").asString()).isEqualTo("REVOKED");
        expect(http.get("/api/platforms/" + id).send(), 404);
        assertThat(expect(act(admin, "platforms", id, "reopen", null), 200).json().get("status").asString()).isEqualTo("DRAFT");
        JsonNode history = expect(http.get("/api/platforms/" + id + "/history").token(owner.token()).send(), 200).json();
        assertThat(history.findValuesAsString("to")).containsExactly("DRAFT", "SUBMITTED", "APPROVED", "REVOKED", "DRAFT");
        assertThat(history.get(3).get("comment").asString()).isEqualTo("licence withdrawn");
        assertThat(history.get(0).get("from").isNull()).isTrue();
    }

    @Test
    void showsTheHistoryToOwnerAndReviewersOnly() {
        String id = approved(owner, "platforms", completeBody("platforms", "Audited Platform"));

        expect(http.get("/api/platforms/" + id + "/history").token(owner.token()).send(), 200);
        expect(http.get("/api/platforms/" + id + "/history").token(reviewer).send(), 200);
        expectProblem(http.get("/api/platforms/" + id + "/history").token(other.token()).send(), 403, "forbidden");
        expectProblem(http.get("/api/platforms/" + id + "/history").send(), 401, "unauthorized");
    }

    @Test
    void listsWithPagesFiltersChineseSearchAndTheCallersOwn() {
        approved(owner, "platforms", withName(completeBody("platforms", "x"), "北汽福田车联网平台"));
        create(owner.token(), "platforms", completeBody("platforms", "Unsubmitted Listing Platform"));

        JsonNode anonymous = expect(http.get("/api/platforms?q=福田&size=5").send(), 200).json();
        assertThat(anonymous.get("items").findValuesAsString("name")).contains("北汽福田车联网平台");
        assertThat(anonymous.get("size").asInt()).isEqualTo(5);
        assertThat(anonymous.get("page").asInt()).isZero();
        assertThat(anonymous.get("items").findValuesAsString("status")).containsOnly("APPROVED");
        JsonNode mine = expect(http.get("/api/platforms?mine=true&size=100").token(owner.token()).send(), 200).json();
        assertThat(mine.get("items").findValuesAsString("name")).contains("北汽福田车联网平台", "Unsubmitted Listing Platform");
        assertThat(mine.get("items").findValuesAsString("creditCode")).containsOnly(owner.creditCode());
        JsonNode others = expect(http.get("/api/platforms?status=DRAFT&size=100").token(other.token()).send(), 200).json();
        assertThat(others.get("items").findValuesAsString("name")).doesNotContain("Unsubmitted Listing Platform");
        JsonNode queue = expect(http.get("/api/platforms?status=DRAFT&size=100").token(reviewer).send(), 200).json();
        assertThat(queue.get("items").findValuesAsString("name")).contains("Unsubmitted Listing Platform");
        assertThat(expect(http.get("/api/platforms?industry=automotive&region=beijing").send(), 200).json().get("total").asLong())
                .isPositive();
        for (String bad : List.of("status=SHINY", "industry=knitting", "region=mars", "size=0", "size=101", "page=-1")) {
            expectProblem(http.get("/api/platforms?" + bad).send(), 400, "invalid-parameter");
        }
        expectProblem(http.get("/api/platforms?mine=true").send(), 401, "unauthorized");
    }

    @Test
    void refusesBadInputWithAProblemThatNamesTheField() {
        String id = create(owner.token(), "platforms", completeBody("platforms", "Steady Platform"));

        expectProblem(http.post("/api/platforms").token(owner.token()).json("{\"name\":").send(), 400, "malformed-json");
        expectProblem(http.post("/api/platforms").token(owner.token()).json("{\"name\":{\"$gt\":\"\"}}").send(), 400, "wrong-type");
        expectProblem(http.post("/api/platforms").token(owner.token()).json("{\"name\":\"x\",\"owner\":{\"creditCode\":\"x\"}}").send(),
                400, "unknown-field");
        expectProblem(http.post("/api/platforms").token(owner.token()).json(withField(completeBody("platforms", "Negative"),
                "connectedDevices", -1)).send(), 400, "validation");
        JsonNode unknownCode = expectProblem(http.post("/api/platforms").token(owner.token())
                .json(withField(completeBody("platforms", "Unknown code"), "region", "atlantis")).send(), 400, "validation").json();
        assertThat(unknownCode.get("errors").findValuesAsString("field")).containsExactly("region");
        byte[] big = new byte[1024 * 1024 + 10];
        Arrays.fill(big, (byte) ' ');
        expectProblem(http.put("/api/platforms/" + id).token(owner.token()).header("If-Match", "\"1\"").body(big, "application/json").send(),
                413, "payload-too-large");
        expectProblem(http.post("/api/platforms").token(owner.token()).body("name=x".getBytes(), "text/plain").send(),
                415, "unsupported-media-type");

        JsonNode unchanged = expect(http.get("/api/platforms/" + id).token(owner.token()).send(), 200).json();
        assertThat(unchanged.get("version").asLong()).isEqualTo(1);
        assertThat(unchanged.get("name").asString()).isEqualTo("Steady Platform");
    }

    @Test
    void refusesWritesOfATokenWhoseCreditCodeFailsTheCheckCharacter() {
        String first17 = "91110108MA09KKK09";
        String wrong = first17 + (CreditCode.checkCharacter(first17) == '0' ? '1' : '0');
        String username = "wrong-code-" + System.nanoTime() % 100_000;
        system.keycloak().admin().createEnterpriseUser(username, username, wrong, "Wrong Code Co., Ltd.");

        String token = system.keycloak().accessToken(username);

        expectProblem(http.post("/api/platforms").token(token).json(completeBody("platforms", "Wrong")).send(), 403,
                "invalid-token-claim");
    }

    @Test
    void reportsEveryTargetOfThePlanInProgress() {
        JsonNode progress = expect(http.get("/api/progress").send(), 200).json();

        assertThat(progress.get("deadline").asString()).isEqualTo("2023-12-31");
        assertThat(progress.get("targets").findValuesAsString("target")).containsExactly(
                "platforms", "solution-providers", "security-products", "security-firms", "core-industry-revenue");
        for (JsonNode row : progress.get("targets")) {
            assertThat(row.has("goal") && row.has("achieved") && row.has("ratio") && row.has("available")).isTrue();
        }
    }

    private static Map<String, Object> withName(Map<String, Object> body, String name) {
        body.put("name", name);
        return body;
    }

    private static Map<String, Object> withField(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }
}
