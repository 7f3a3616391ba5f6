package cn.beijing.iip.coretest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.testing.Http;
import tools.jackson.databind.JsonNode;

class LifecycleIT extends ApiTest {

    @Test
    void createsADraftOwnedByTheCallersEnterprise() {
        Http.Response created = expect(http.post("/api/platforms").token(alice).json(complete("Foton Vehicle Cloud")).send(), 201);

        JsonNode entry = created.json();
        assertThat(entry.get("status").asString()).isEqualTo("DRAFT");
        assertThat(entry.get("version").asLong()).isEqualTo(1);
        assertThat(entry.get("kind").asString()).isEqualTo("platforms");
        assertThat(entry.get("owner").get("creditCode").asString()).isEqualTo(A);
        assertThat(entry.get("owner").get("name").asString()).isEqualTo("Alpha Industrial Co.");
        assertThat(entry.get("demo").asBoolean()).isFalse();
        assertThat(entry.get("name").asString()).isEqualTo("Foton Vehicle Cloud");
        assertThat(created.header("Location")).contains("/api/platforms/" + entry.get("id").asString());
        assertThat(created.header("ETag")).contains("\"1\"");
    }

    @Test
    void walksAnEntryFromDraftToApprovalRevocationAndBack() {
        String id = create(alice, complete(unique("Steel Cloud")));

        assertThat(expect(act(alice, id, "submit", null), 200).json().get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(expect(review(id, "APPROVE", "meets the plan"), 200).json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(expect(http.get("/api/platforms/" + id).send(), 200).json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(expect(act(admin, id, "revoke", Map.of("reason", "licence withdrawn")), 200).json().get("status").asString())
                .isEqualTo("REVOKED");
        expect(http.get("/api/platforms/" + id).send(), 404);
        assertThat(expect(act(admin, id, "reopen", null), 200).json().get("status").asString()).isEqualTo("DRAFT");

        JsonNode history = expect(http.get("/api/platforms/" + id + "/history").token(alice).send(), 200).json();
        assertThat(history).hasSize(5);
        assertThat(history.get(0).get("from").isNull()).isTrue();
        assertThat(history.get(0).get("to").asString()).isEqualTo("DRAFT");
        assertThat(history.get(0).get("actor").asString()).isEqualTo("alice");
        assertThat(history.get(2).get("actor").asString()).isEqualTo("reviewer");
        assertThat(history.get(2).get("comment").asString()).isEqualTo("meets the plan");
        assertThat(history.get(3).get("to").asString()).isEqualTo("REVOKED");
        assertThat(history.get(3).get("comment").asString()).isEqualTo("licence withdrawn");
        assertThat(history.get(4).get("from").asString()).isEqualTo("REVOKED");
        assertThat(history.get(4).get("to").asString()).isEqualTo("DRAFT");
    }

    @Test
    void resubmitsAfterChangesAreRequestedAndAfterRejection() {
        String id = create(alice, complete(unique("Hydrogen Platform")));
        expect(act(alice, id, "submit", null), 200);
        assertThat(expect(review(id, "REQUEST_CHANGES", "add reference customers"), 200).json().get("status").asString())
                .isEqualTo("CHANGES_REQUESTED");

        String etag = expect(http.get("/api/platforms/" + id).token(alice).send(), 200).header("ETag").orElseThrow();
        Map<String, Object> edited = complete(expect(http.get("/api/platforms/" + id).token(alice).send(), 200).json().get("name").asString());
        edited.put("description", "Connected furnaces, 12 reference customers");
        expect(http.put("/api/platforms/" + id).token(alice).header("If-Match", etag).json(edited).send(), 200);
        expect(act(alice, id, "submit", null), 200);
        assertThat(expect(review(id, "REJECT", "not a key industry platform"), 200).json().get("status").asString())
                .isEqualTo("REJECTED");
        assertThat(expect(act(alice, id, "submit", Map.of("comment", "please look again")), 200).json().get("status").asString())
                .isEqualTo("SUBMITTED");

        JsonNode history = expect(http.get("/api/platforms/" + id + "/history").token(reviewer).send(), 200).json();
        assertThat(history.findValuesAsString("to"))
                .containsExactly("DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "SUBMITTED", "REJECTED", "SUBMITTED");
        assertThat(history.get(5).get("comment").asString()).isEqualTo("please look again");
    }

    @Test
    void withdrawsASubmissionBackToDraft() {
        String id = create(alice, complete(unique("Edge Platform")));
        expect(act(alice, id, "submit", null), 200);

        assertThat(expect(act(alice, id, "withdraw", null), 200).json().get("status").asString()).isEqualTo("DRAFT");
        assertThat(expect(act(alice, id, "withdraw", null), 409).json().get("type").asString())
                .isEqualTo("urn:iip-registry:problem:illegal-transition");
    }

    @Test
    void updatesOnlyWithTheCurrentVersionAndOnlyInEditableStates() {
        Map<String, Object> body = complete(unique("Versioned Platform"));
        String id = create(alice, body);
        body.put("description", "second edition");

        assertThat(expect(http.put("/api/platforms/" + id).token(alice).json(body).send(), 428).contentType())
                .startsWith("application/problem+json");
        Http.Response updated = expect(http.put("/api/platforms/" + id).token(alice).header("If-Match", "\"1\"").json(body).send(), 200);
        assertThat(updated.json().get("version").asLong()).isEqualTo(2);
        assertThat(updated.json().get("description").asString()).isEqualTo("second edition");
        assertThat(updated.header("ETag")).contains("\"2\"");

        body.put("description", "a stale edit");
        JsonNode stale = expect(http.put("/api/platforms/" + id).token(alice).header("If-Match", "\"1\"").json(body).send(), 412).json();
        assertThat(stale.get("currentVersion").asLong()).isEqualTo(2);

        expect(act(alice, id, "submit", null), 200);
        expect(http.put("/api/platforms/" + id).token(alice).header("If-Match", "\"3\"").json(body).send(), 409);
        assertThat(expect(http.get("/api/platforms/" + id).token(alice).send(), 200).json().get("description").asString())
                .isEqualTo("second edition");
    }

    @Test
    void deletesDraftsOnly() {
        String draft = create(alice, complete(unique("Short-lived")));
        String submitted = create(alice, complete(unique("Long-lived")));
        expect(act(alice, submitted, "submit", null), 200);

        expect(http.delete("/api/platforms/" + draft).token(bob).send(), 404);
        expect(http.delete("/api/platforms/" + draft).token(alice).send(), 204);
        expect(http.get("/api/platforms/" + draft).token(alice).send(), 404);
        expect(http.delete("/api/platforms/" + submitted).token(alice).send(), 409);
    }

    @Test
    void showsOtherStatesOnlyToTheOwnerAndReviewers() {
        String id = create(alice, complete(unique("Private Draft")));

        expect(http.get("/api/platforms/" + id).send(), 404);
        expect(http.get("/api/platforms/" + id).token(bob).send(), 404);
        expect(http.get("/api/platforms/" + id).token(alice).send(), 200);
        expect(http.get("/api/platforms/" + id).token(reviewer).send(), 200);
        expect(http.get("/api/platforms/" + id + "/history").token(bob).send(), 404);
    }

    @Test
    void keepsTheHistoryOfAnApprovedEntryForOwnerAndReviewers() {
        String id = approved(unique("Public Platform"));

        expect(http.get("/api/platforms/" + id).token(bob).send(), 200);
        assertThat(expect(http.get("/api/platforms/" + id + "/history").token(bob).send(), 403).json().get("type").asString())
                .isEqualTo("urn:iip-registry:problem:forbidden");
        expect(http.get("/api/platforms/" + id + "/history").send(), 401);
        expect(http.get("/api/platforms/" + id + "/history").token(admin).send(), 200);
    }

    @Test
    void letsAnotherEnterpriseChangeNothing() {
        String id = approved(unique("Guarded Platform"));

        expect(http.put("/api/platforms/" + id).token(bob).header("If-Match", "\"3\"").json(complete("Hijacked")).send(), 403);
        expect(act(bob, id, "submit", null), 403);
        String draft = create(alice, complete(unique("Hidden Draft")));
        expect(act(bob, draft, "submit", null), 404);
        expect(http.put("/api/platforms/" + draft).token(bob).header("If-Match", "\"1\"").json(complete("Hijacked")).send(), 404);
    }

    @Test
    void listsTheHistoryOldestFirstWithCreationAsTheFirstRow() {
        String id = approved(unique("Audited"));

        List<String> tos = expect(http.get("/api/platforms/" + id + "/history").token(alice).send(), 200).json()
                .findValuesAsString("to");
        assertThat(tos).containsExactly("DRAFT", "SUBMITTED", "APPROVED");
    }
}
