package cn.beijing.iip.coretest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.identity.Roles;
import cn.beijing.iip.registry.problem.ProblemType;
import tools.jackson.databind.JsonNode;

/** Requests that race have exactly one winner, because every rule is a unique index or a conditional update. */
class RacesIT extends ApiTest {

    /** Runs {@code n} requests released at the same moment and returns their responses in order. */
    private static List<Http.Response> race(int n, IntFunction<Http.Response> request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.apply(index);
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<Http.Response> withStatus(List<Http.Response> responses, int status) {
        return responses.stream().filter(response -> response.status() == status).toList();
    }

    @Test
    void createsOneOfSixteenIdenticalEntriesAndRefusesTheRestAsDuplicates() throws Exception {
        List<Http.Response> responses = race(16, i -> http.post("/api/platforms").token(alice).json(complete("Steel Cloud")).send());

        assertThat(withStatus(responses, 201)).hasSize(1);
        List<Http.Response> refused = withStatus(responses, 409);
        assertThat(refused).hasSize(15);
        String winner = withStatus(responses, 201).getFirst().json().get("id").asString();
        for (Http.Response response : refused) {
            JsonNode problem = problem(response, ProblemType.DUPLICATE_NAME);
            assertThat(problem.get("field").asString()).isEqualTo("name");
            assertThat(problem.get("existingId").asString()).isEqualTo(winner);
        }
        assertThat(entries.countDocuments()).isEqualTo(1);
    }

    @Test
    void treatsNamesThatDifferOnlyInCaseWidthOrSpacingAsTheSameName() throws Exception {
        String[] names = {"Acme Cloud", "ACME CLOUD", "ａｃｍｅ ｃｌｏｕｄ", "  Acme   Cloud ", "Acme\u3000Cloud", "acme cloud"};

        List<Http.Response> responses = race(names.length,
                i -> http.post("/api/platforms").token(alice).json(complete(names[i])).send());

        assertThat(withStatus(responses, 201)).hasSize(1);
        withStatus(responses, 409).forEach(response -> problem(response, ProblemType.DUPLICATE_NAME));
        assertThat(entries.countDocuments()).isEqualTo(1);
    }

    @Test
    void givesSixteenRetriesWithOneIdempotencyKeyTheSameEntry() throws Exception {
        List<Http.Response> responses = race(16, i -> http.post("/api/platforms").token(alice)
                .header("Idempotency-Key", "5f0c2a4e-create-once").json(complete("Steel Cloud")).send());

        assertThat(withStatus(responses, 201)).hasSize(1);
        List<Http.Response> replayed = withStatus(responses, 200);
        assertThat(replayed).hasSize(15);
        assertThat(replayed).allSatisfy(response ->
                assertThat(response.header("Idempotent-Replayed")).contains("true"));
        assertThat(withStatus(responses, 201).getFirst().header("Idempotent-Replayed")).isEmpty();
        assertThat(responses.stream().map(response -> response.json().get("id").asString()).distinct()).hasSize(1);
        assertThat(responses.stream().map(response -> response.header("Location").orElseThrow()).distinct()).hasSize(1);
        assertThat(entries.countDocuments()).isEqualTo(1);
    }

    @Test
    void replaysARetryAfterTheEntryMovedOnAndKeepsKeysApartPerEnterprise() {
        Http.Response first = expect(http.post("/api/platforms").token(alice).header("Idempotency-Key", "k-7")
                .json(complete("Steel Cloud")).send(), 201);
        String id = first.json().get("id").asString();
        expect(act(alice, id, "submit", null), 200);

        Http.Response retry = expect(http.post("/api/platforms").token(alice).header("Idempotency-Key", "k-7")
                .json(complete("Steel Cloud")).send(), 200);
        Http.Response bobs = expect(http.post("/api/platforms").token(bob).header("Idempotency-Key", "k-7")
                .json(complete("Steel Cloud")).send(), 201);

        assertThat(retry.json().get("id").asString()).isEqualTo(id);
        assertThat(retry.json().get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(bobs.json().get("id").asString()).isNotEqualTo(id);
        assertThat(bobs.json().get("owner").get("creditCode").asString()).isEqualTo(B);
    }

    @Test
    void letsOneOfEightReviewersDecideAndRecordsOneDecision() throws Exception {
        String id = create(alice, complete("Steel Cloud"));
        expect(act(alice, id, "submit", null), 200);
        String[] decisions = {"APPROVE", "REJECT", "REQUEST_CHANGES", "APPROVE", "REJECT", "REQUEST_CHANGES", "APPROVE", "REJECT"};
        List<String> reviewers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            reviewers.add(ISSUER.user("reviewer-" + i, Roles.REVIEWER).sign());
        }

        List<Http.Response> responses = race(8, i -> act(reviewers.get(i), id, "review",
                Map.of("decision", decisions[i], "comment", "decided by reviewer-" + i)));

        List<Http.Response> won = withStatus(responses, 200);
        assertThat(won).hasSize(1);
        assertThat(withStatus(responses, 409)).hasSize(7)
                .allSatisfy(response -> assertThat(problem(response, response.json().get("type").asString()
                        .endsWith("concurrent-change") ? ProblemType.CONCURRENT_CHANGE : ProblemType.ILLEGAL_TRANSITION)
                        .get("currentStatus").asString()).isEqualTo(won.getFirst().json().get("status").asString()));
        int winner = responses.indexOf(won.getFirst());
        JsonNode history = expect(http.get("/api/platforms/" + id + "/history").token(admin).send(), 200).json();
        assertThat(history.findValuesAsString("to")).containsExactly("DRAFT", "SUBMITTED", won.getFirst().json().get("status").asString());
        assertThat(history.get(2).get("actor").asString()).isEqualTo("reviewer-" + winner);
        assertThat(history.get(2).get("comment").asString()).isEqualTo("decided by reviewer-" + winner);
        assertThat(read(alice, id).get("version").asLong()).isEqualTo(3);
    }

    @Test
    void acceptsOneOfManyUpdatesMadeWithTheSameVersionAndRefusesTheRestAsStale() throws Exception {
        String id = create(alice, complete("Steel Cloud"));

        List<Http.Response> responses = race(8, i -> {
            Map<String, Object> body = complete("Steel Cloud");
            body.put("description", "edition " + i);
            return http.put("/api/platforms/" + id).token(alice).header("If-Match", "\"1\"").json(body).send();
        });

        List<Http.Response> won = withStatus(responses, 200);
        assertThat(won).hasSize(1);
        assertThat(withStatus(responses, 412)).hasSize(7)
                .allSatisfy(response -> assertThat(problem(response, ProblemType.PRECONDITION_FAILED)
                        .get("currentVersion").asLong()).isEqualTo(2));
        JsonNode entry = read(alice, id);
        assertThat(entry.get("version").asLong()).isEqualTo(2);
        assertThat(entry.get("description").asString())
                .isEqualTo("edition " + responses.indexOf(won.getFirst()));
    }

    @Test
    void renamesOnlyOneOfTwoDraftsToANameBothWant() throws Exception {
        String first = create(alice, complete("First Cloud"));
        String second = create(alice, complete("Second Cloud"));
        String[] ids = {first, second};

        List<Http.Response> responses = race(2, i -> http.put("/api/platforms/" + ids[i]).token(alice)
                .header("If-Match", "\"1\"").json(complete("Shared Cloud")).send());

        assertThat(withStatus(responses, 200)).hasSize(1);
        assertThat(withStatus(responses, 409)).singleElement()
                .satisfies(response -> problem(response, ProblemType.DUPLICATE_NAME));
        assertThat(List.of(read(alice, first).get("name").asString(), read(alice, second).get("name").asString()))
                .containsOnlyOnce("Shared Cloud");
    }

    @Test
    void eitherWithdrawsASubmissionOrDecidesOnItNeverBoth() throws Exception {
        String id = create(alice, complete("Steel Cloud"));
        expect(act(alice, id, "submit", null), 200);

        List<Http.Response> responses = race(8, i -> i % 2 == 0 ? act(alice, id, "withdraw", null)
                : act(reviewer, id, "review", Map.of("decision", "APPROVE")));

        assertThat(withStatus(responses, 200)).hasSize(1);
        assertThat(withStatus(responses, 409)).hasSize(7);
        JsonNode history = expect(http.get("/api/platforms/" + id + "/history").token(alice).send(), 200).json();
        assertThat(history).hasSize(3);
        assertThat(history.get(2).get("to").asString()).isEqualTo(read(alice, id).get("status").asString());
    }

    @Test
    void deletesADraftOnceWhenAskedManyTimes() throws Exception {
        String id = create(alice, complete("Steel Cloud"));

        List<Http.Response> responses = race(8, i -> http.delete("/api/platforms/" + id).token(alice).send());

        assertThat(withStatus(responses, 204)).hasSize(1);
        assertThat(responses).allSatisfy(response -> assertThat(response.status()).isIn(204, 404, 409));
        assertThat(entries.countDocuments()).isZero();
    }

    @Test
    void keepsANameTakenInEveryStateAndFreesItWhenTheDraftIsDeleted() {
        String approved = approved("Steel Cloud");
        problem(http.post("/api/platforms").token(alice).json(complete("steel cloud")).send(), ProblemType.DUPLICATE_NAME);
        expect(act(admin, approved, "revoke", Map.of("reason", "licence withdrawn")), 200);
        problem(http.post("/api/platforms").token(alice).json(complete("STEEL CLOUD")).send(), ProblemType.DUPLICATE_NAME);

        String draft = create(alice, complete("Iron Cloud"));
        problem(http.post("/api/platforms").token(alice).json(complete("Iron Cloud")).send(), ProblemType.DUPLICATE_NAME);
        expect(http.delete("/api/platforms/" + draft).token(alice).send(), 204);
        expect(http.post("/api/platforms").token(alice).json(complete("Iron Cloud")).send(), 201);
        expect(http.post("/api/platforms").token(bob).json(complete("Iron Cloud")).send(), 201);
    }
}
