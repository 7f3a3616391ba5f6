package cn.beijing.iip.coretest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.problem.ProblemType;
import tools.jackson.databind.JsonNode;

/**
 * Every kind of bad input gets the right 4xx problem with the field named, never a 500 or a driver's
 * words, and leaves the store as it was.
 */
class BadInputIT extends ApiTest {

    private static final int MIB = 1024 * 1024;

    /** A body, the problem it must get, and the field it must name (empty when there is none to name). */
    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("{\"name\":", ProblemType.MALFORMED_JSON, ""),
                Arguments.of("{\"name\":\"Steel Cloud\"} xyz", ProblemType.MALFORMED_JSON, ""),
                Arguments.of("{\"name\":\"Steel Cloud\"} {\"name\":\"Second\"}", ProblemType.MALFORMED_JSON, ""),
                Arguments.of("[{\"name\":\"Steel Cloud\"}]", ProblemType.MALFORMED_JSON, ""),
                Arguments.of("\"Steel Cloud\"", ProblemType.MALFORMED_JSON, ""),
                Arguments.of("null", ProblemType.MALFORMED_JSON, ""),
                Arguments.of("42", ProblemType.MALFORMED_JSON, ""),
                Arguments.of("{\"name\":\"Steel Cloud\",\"name\":\"Other\"}", ProblemType.MALFORMED_JSON, "name"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"colour\":\"red\"}", ProblemType.UNKNOWN_FIELD, "colour"),
                Arguments.of("{\"name\":{\"$gt\":\"\"}}", ProblemType.WRONG_TYPE, "name"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"region\":{\"$ne\":null}}", ProblemType.WRONG_TYPE, "region"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"industries\":[{\"$gt\":\"\"}]}", ProblemType.WRONG_TYPE, "industries[0]"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"devices\":\"1200\"}", ProblemType.WRONG_TYPE, "devices"),
                Arguments.of("{\"name\":12}", ProblemType.WRONG_TYPE, "name"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"devices\":1200.5}", ProblemType.WRONG_TYPE, "devices"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"devices\":1.2e3}", ProblemType.WRONG_TYPE, "devices"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"declaredRevenueCny\":99999999999999999999}", ProblemType.WRONG_TYPE,
                        "declaredRevenueCny"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"industries\":\"steel\"}", ProblemType.WRONG_TYPE, "industries"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"devices\":-1}", ProblemType.VALIDATION, "devices"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"declaredRevenueCny\":-500}", ProblemType.VALIDATION, "declaredRevenueCny"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"industries\":[\"steel\",\"petroleum\"]}", ProblemType.VALIDATION,
                        "industries[1]"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"region\":\"shanghai\"}", ProblemType.VALIDATION, "region"),
                Arguments.of("{\"industries\":[\"steel\"]}", ProblemType.VALIDATION, "name"),
                Arguments.of("{\"name\":null}", ProblemType.VALIDATION, "name"),
                Arguments.of("{\"name\":\"   \"}", ProblemType.VALIDATION, "name"),
                Arguments.of("{\"name\":\"" + "x".repeat(201) + "\"}", ProblemType.VALIDATION, "name"),
                Arguments.of("{\"name\":\"Steel\\nCloud\"}", ProblemType.VALIDATION, "name"),
                Arguments.of("{\"name\":\"Steel\\u001b[2JCloud\"}", ProblemType.VALIDATION, "name"),
                Arguments.of("{\"name\":\"Steel\\u0085Cloud\"}", ProblemType.VALIDATION, "name"),
                Arguments.of("{\"name\":\"Steel\\ud800Cloud\"}", ProblemType.VALIDATION, "name"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"owner\":{\"creditCode\":\"" + B + "\",\"name\":\"Beta\"}}",
                        ProblemType.UNKNOWN_FIELD, "owner"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"status\":\"APPROVED\"}", ProblemType.UNKNOWN_FIELD, "status"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"id\":\"chosen-id\"}", ProblemType.UNKNOWN_FIELD, "id"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"version\":99}", ProblemType.UNKNOWN_FIELD, "version"),
                Arguments.of("{\"name\":\"Steel Cloud\",\"demo\":true}", ProblemType.UNKNOWN_FIELD, "demo"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void refusesABadBodyAtCreateNamingTheFieldAndStoresNothing(String body, ProblemType type, String field) {
        JsonNode problem = problem(http.post("/api/platforms").token(alice).json(body).send(), type);

        if (!field.isEmpty()) {
            assertThat(fieldsNamed(problem)).contains(field);
            assertThat(problem.get("detail").asString()).contains(field);
        }
        assertThat(entries.countDocuments()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void refusesABadBodyAtUpdateAndLeavesTheEntryAsItWas(String body, ProblemType type, String field) {
        String id = create(alice, complete("Steel Cloud"));
        JsonNode before = read(alice, id);

        JsonNode problem = problem(http.put("/api/platforms/" + id).token(alice).header("If-Match", "\"1\"").json(body).send(), type);

        if (!field.isEmpty()) {
            assertThat(fieldsNamed(problem)).contains(field);
        }
        assertThat(read(alice, id)).isEqualTo(before);
    }

    @Test
    void neverLetsTheCallerChooseOwnerStatusIdVersionOrDemoOfAnEntry() {
        String id = create(alice, complete("Steel Cloud"));
        JsonNode before = read(alice, id);
        Map<String, Object> forged = complete("Steel Cloud");
        forged.put("owner", Map.of("creditCode", B, "name", "Beta Manufacturing Co."));
        forged.put("status", "APPROVED");
        forged.put("id", "chosen-id");
        forged.put("version", 99);
        forged.put("demo", true);

        problem(http.post("/api/platforms").token(alice).json(forged).send(), ProblemType.UNKNOWN_FIELD);
        problem(http.put("/api/platforms/" + id).token(alice).header("If-Match", "\"1\"").json(forged).send(),
                ProblemType.UNKNOWN_FIELD);

        assertThat(read(alice, id)).isEqualTo(before);
        assertThat(entries.countDocuments()).isEqualTo(1);
        assertThat(entries.find().first().get("owner", Document.class).getString("creditCode")).isEqualTo(A);
    }

    @Test
    void refusesAnEmptyBody() {
        problem(http.post("/api/platforms").token(alice).json("").send(), ProblemType.MALFORMED_JSON);
        problem(http.post("/api/platforms").token(alice).send(), ProblemType.MALFORMED_JSON);
        assertThat(entries.countDocuments()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded", "garbage",
            "application/"})
    void refusesBodiesThatAreNotJson(String contentType) {
        byte[] body = Http.json(complete("Steel Cloud")).getBytes(StandardCharsets.UTF_8);

        problem(http.post("/api/platforms").token(alice).body(body, contentType).send(), ProblemType.UNSUPPORTED_MEDIA_TYPE);
        String id = create(alice, complete("Steel Cloud"));
        problem(http.put("/api/platforms/" + id).token(alice).header("If-Match", "\"1\"").body(body, contentType).send(),
                ProblemType.UNSUPPORTED_MEDIA_TYPE);
        assertThat(entries.countDocuments()).isEqualTo(1);
    }

    @Test
    void acceptsJsonWithACharsetParameter() {
        byte[] body = Http.json(complete("Steel Cloud")).getBytes(StandardCharsets.UTF_8);

        expect(http.post("/api/platforms").token(alice).body(body, "application/json; charset=utf-8").send(), 201);
    }

    @Test
    void acceptsABodyOfExactlyOneMebibyte() {
        expect(http.post("/api/platforms").token(alice).json(padded(MIB)).send(), 201);
    }

    @Test
    void refusesABodyOverOneMebibyteThatSaysItsLength() {
        JsonNode problem = problem(http.post("/api/platforms").token(alice).json(padded(MIB + 1)).send(),
                ProblemType.PAYLOAD_TOO_LARGE);

        assertThat(problem.get("detail").asString()).contains("1 MiB");
        assertThat(entries.countDocuments()).isZero();
    }

    @Test
    void refusesAChunkedBodyOnceItGrowsOverOneMebibyte() {
        problem(http.post("/api/platforms").token(alice).json(padded(MIB + MIB / 2)).chunked().send(),
                ProblemType.PAYLOAD_TOO_LARGE);
        assertThat(entries.countDocuments()).isZero();
        String id = create(alice, complete("Steel Cloud"));
        JsonNode before = read(alice, id);
        problem(http.put("/api/platforms/" + id).token(alice).header("If-Match", "\"1\"").json(padded(MIB + 1)).chunked()
                .send(), ProblemType.PAYLOAD_TOO_LARGE);
        assertThat(read(alice, id)).isEqualTo(before);
    }

    @Test
    void acceptsAChunkedBodyWithinTheLimit() {
        expect(http.post("/api/platforms").token(alice).json(padded(MIB)).chunked().send(), 201);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 256})
    void refusesAnIdempotencyKeyThatIsEmptyOrTooLong(int length) {
        Http.Response response = http.post("/api/platforms").token(alice).header("Idempotency-Key", "k".repeat(length))
                .json(complete("Steel Cloud")).send();

        JsonNode problem = problem(response, ProblemType.INVALID_PARAMETER);
        assertThat(problem.get("detail").asString()).contains("Idempotency-Key");
        assertThat(entries.countDocuments()).isZero();
    }

    @Test
    void refusesToReuseAnIdempotencyKeyForADifferentBody() {
        Http.Response first = expect(http.post("/api/platforms").token(alice).header("Idempotency-Key", "key-1")
                .json(complete("Steel Cloud")).send(), 201);
        Map<String, Object> other = complete("Steel Cloud");
        other.put("description", "something else");

        JsonNode problem = problem(http.post("/api/platforms").token(alice).header("Idempotency-Key", "key-1").json(other)
                .send(), ProblemType.IDEMPOTENCY_KEY_REUSED);

        assertThat(problem.get("id").asString()).isEqualTo(first.json().get("id").asString());
        assertThat(read(alice, first.json().get("id").asString()).get("description").asString()).isEqualTo("Connected furnaces");
        assertThat(entries.countDocuments()).isEqualTo(1);
    }

    @Test
    void refusesAnUpdateWhileSubmittedAndKeepsTheEntry() {
        String id = create(alice, complete("Steel Cloud"));
        expect(act(alice, id, "submit", null), 200);
        JsonNode before = read(alice, id);
        Map<String, Object> edited = complete("Steel Cloud");
        edited.put("description", "edited while under review");

        JsonNode problem = problem(http.put("/api/platforms/" + id).token(alice).header("If-Match", "\"2\"").json(edited).send(),
                ProblemType.ILLEGAL_TRANSITION);

        assertThat(problem.get("detail").asString()).contains("SUBMITTED").contains("withdraw");
        assertThat(problem.get("currentStatus").asString()).isEqualTo("SUBMITTED");
        assertThat(read(alice, id)).isEqualTo(before);
    }

    static Stream<Arguments> badReviews() {
        return Stream.of(
                Arguments.of("{\"decision\":\"MAYBE\"}", ProblemType.WRONG_TYPE, "decision"),
                Arguments.of("{\"decision\":\"approve\"}", ProblemType.WRONG_TYPE, "decision"),
                Arguments.of("{\"decision\":1}", ProblemType.WRONG_TYPE, "decision"),
                Arguments.of("{\"decision\":{\"$ne\":null}}", ProblemType.WRONG_TYPE, "decision"),
                Arguments.of("{}", ProblemType.VALIDATION, "decision"),
                Arguments.of("{\"comment\":\"looks fine\"}", ProblemType.VALIDATION, "decision"),
                Arguments.of("{\"decision\":\"REJECT\"}", ProblemType.VALIDATION, "comment"),
                Arguments.of("{\"decision\":\"REJECT\",\"comment\":\"  \"}", ProblemType.VALIDATION, "comment"),
                Arguments.of("{\"decision\":\"REQUEST_CHANGES\"}", ProblemType.VALIDATION, "comment"),
                Arguments.of("{\"decision\":\"REQUEST_CHANGES\",\"comment\":null}", ProblemType.VALIDATION, "comment"),
                Arguments.of("{\"decision\":\"APPROVE\",\"comment\":\"" + "x".repeat(2001) + "\"}", ProblemType.VALIDATION,
                        "comment"),
                Arguments.of("{\"decision\":\"APPROVE\",\"comment\":7}", ProblemType.WRONG_TYPE, "comment"),
                Arguments.of("{\"decision\":\"REJECT\",\"comment\":\"see \\u001b[2J here\"}", ProblemType.VALIDATION, "comment"),
                Arguments.of("{\"decision\":\"APPROVE\",\"comment\":\"ok\\u0000\"}", ProblemType.VALIDATION, "comment"),
                Arguments.of("{\"decision\":\"APPROVE\",\"status\":\"APPROVED\"}", ProblemType.UNKNOWN_FIELD, "status"),
                Arguments.of("{\"decision\":\"APPROVE\"", ProblemType.MALFORMED_JSON, ""),
                Arguments.of("", ProblemType.MALFORMED_JSON, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReviews")
    void refusesABadReviewAndLeavesTheSubmissionWaiting(String body, ProblemType type, String field) {
        String id = create(alice, complete("Steel Cloud"));
        expect(act(alice, id, "submit", null), 200);
        JsonNode before = read(reviewer, id);

        JsonNode problem = problem(http.post("/api/platforms/" + id + "/review").token(reviewer).json(body).send(), type);

        if (!field.isEmpty()) {
            assertThat(fieldsNamed(problem)).contains(field);
        }
        assertThat(read(reviewer, id)).isEqualTo(before);
        assertThat(history(id)).hasSize(2);
    }

    @Test
    void refusesToReviewADraft() {
        String id = create(alice, complete("Steel Cloud"));
        JsonNode before = read(alice, id);

        JsonNode problem = problem(review(id, "APPROVE", null), ProblemType.ILLEGAL_TRANSITION);

        assertThat(problem.get("detail").asString()).contains("DRAFT").contains("SUBMITTED");
        assertThat(problem.get("currentStatus").asString()).isEqualTo("DRAFT");
        assertThat(read(alice, id)).isEqualTo(before);
    }

    @Test
    void refusesToRevokeWithoutAReason() {
        String id = approved("Steel Cloud");
        JsonNode before = read(alice, id);

        assertThat(fieldsNamed(problem(act(admin, id, "revoke", Map.of()), ProblemType.VALIDATION))).contains("reason");
        assertThat(fieldsNamed(problem(act(admin, id, "revoke", Map.of("reason", " ")), ProblemType.VALIDATION)))
                .contains("reason");
        problem(act(admin, id, "revoke", Map.of("reason", "x", "why", "y")), ProblemType.UNKNOWN_FIELD);
        assertThat(fieldsNamed(problem(act(admin, id, "revoke", Map.of("reason", "x".repeat(2001))), ProblemType.VALIDATION)))
                .contains("reason");
        assertThat(fieldsNamed(problem(act(admin, id, "revoke", Map.of("reason", "bell\u0007")), ProblemType.VALIDATION)))
                .contains("reason");
        assertThat(read(alice, id)).isEqualTo(before);
    }

    @Test
    void namesEveryFieldASubmissionStillNeeds() {
        String id = create(alice, Map.of("name", "Steel Cloud"));

        JsonNode problem = problem(act(alice, id, "submit", null), ProblemType.INCOMPLETE);

        assertThat(fieldsNamed(problem)).containsExactlyInAnyOrder("declaredRevenueCny", "description", "industries", "region");
        assertThat(read(alice, id).get("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void refusesAnUnknownFieldInTheNoteOfASubmission() {
        String id = create(alice, complete("Steel Cloud"));

        problem(act(alice, id, "submit", Map.of("comment", "please", "status", "APPROVED")), ProblemType.UNKNOWN_FIELD);
        assertThat(read(alice, id).get("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void keepsLineBreaksInAReviewComment() {
        String id = create(alice, complete("Steel Cloud"));
        expect(act(alice, id, "submit", null), 200);

        expect(review(id, "REQUEST_CHANGES", "Please add:\n\t- reference cases\r\n\t- revenue 🚀"), 200);

        JsonNode history = expect(http.get("/api/platforms/" + id + "/history").token(alice).send(), 200).json();
        assertThat(history.get(2).get("comment").asString()).isEqualTo("Please add:\n\t- reference cases\r\n\t- revenue 🚀");
    }

    @Test
    void refusesAStaleOrForeignIfMatchWith412AndAnUpdateWithoutOneWith428() {
        String id = create(alice, complete("Steel Cloud"));
        JsonNode before = read(alice, id);
        Map<String, Object> edited = complete("Steel Cloud");
        edited.put("description", "edited");

        problem(http.put("/api/platforms/" + id).token(alice).json(edited).send(), ProblemType.PRECONDITION_REQUIRED);
        for (String tag : new String[] {"\"2\"", "\"abc\"", "1", "\"1.0\""}) {
            problem(http.put("/api/platforms/" + id).token(alice).header("If-Match", tag).json(edited).send(),
                    ProblemType.PRECONDITION_FAILED);
        }
        problem(http.post("/api/platforms/" + id + "/submit").token(alice).header("If-Match", "\"2\"").send(),
                ProblemType.PRECONDITION_FAILED);
        problem(http.delete("/api/platforms/" + id).token(alice).header("If-Match", "\"2\"").send(),
                ProblemType.PRECONDITION_FAILED);
        assertThat(read(alice, id)).isEqualTo(before);
    }

    @Test
    void answersUnknownEntriesAndPathsWithProblems() {
        problem(http.get("/api/platforms/no-such-entry").send(), ProblemType.NOT_FOUND);
        problem(http.get("/api/platforms/%7B%22$gt%22:%22%22%7D").send(), ProblemType.NOT_FOUND);
        problem(review("no-such-entry", "APPROVE", null), ProblemType.NOT_FOUND);
        problem(http.method("PATCH", "/api/platforms/x").token(alice).json("{}").send(), ProblemType.METHOD_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/platforms/a%2Fb", "/api/platforms/a%00b", "/api/platforms/%E4%B8",
            "/api/platforms/..%2F..%2Factuator%2Fenv"})
    void answersRequestsTheServerCannotReadWithAProblemNotAnHtmlPage(String path) {
        Http.Response response = http.get(path).send();

        problem(response, ProblemType.INVALID_PARAMETER);
        assertThat(response.text()).doesNotContain("Tomcat", "<html");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/platforms?q=%FF%FE", "/api/platforms?status=%C0%AE", "/api/platforms?q=%ED%A0%80"})
    void answersAQueryThatIsNotUtf8WithAProblem(String path) {
        JsonNode problem = problem(http.get(path).send(), ProblemType.INVALID_PARAMETER);

        assertThat(problem.get("detail").asString()).contains("UTF-8");
    }

    @Test
    void answersAHeaderWithAControlCharacterWithAProblem() throws IOException {
        String id = create(alice, complete("Steel Cloud"));
        JsonNode before = read(alice, id);
        String body = Http.json(complete("Other Cloud"));

        // clients replace such characters before sending; a raw request does not, and UTF-8 "ю" is read as Latin-1 D1 8E
        for (String request : List.of(
                "POST /api/platforms HTTP/1.1\r\nIdempotency-Key: key-\u00d1\u008e\r\n",
                "PUT /api/platforms/" + id + " HTTP/1.1\r\nIf-Match: \"1\"\u009b\r\n",
                "POST /api/platforms/" + id + "/submit HTTP/1.1\r\nIf-Match: \u0090\r\n")) {
            String answer = raw(request + "Host: localhost\r\nAuthorization: Bearer " + alice + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);

            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
                    .contains(ProblemType.INVALID_PARAMETER.uri().toString());
        }
        assertThat(read(alice, id)).isEqualTo(before);
        assertThat(entries.countDocuments()).isEqualTo(1);
    }

    /** A request written byte for byte (Latin-1), as no well-behaved client writes it; the answer as text. */
    private String raw(String request) throws IOException {
        java.net.URI base = java.net.URI.create(http.base());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void answersMoreQueryParametersThanTheServerTakesWithAProblem() {
        problem(http.get("/api/platforms?q=x" + "&q=x".repeat(1_000)).send(), ProblemType.INVALID_PARAMETER);
    }

    @Test
    void answersAnOverlongAddressOrHeaderWithAProblem() {
        problem(http.get("/api/platforms/" + "x".repeat(10_000)).send(), ProblemType.INVALID_PARAMETER);
        problem(http.get("/api/platforms").header("X-Padding", "y".repeat(20_000)).send(), ProblemType.INVALID_PARAMETER);
    }

    private JsonNode history(String id) {
        return expect(http.get("/api/platforms/" + id + "/history").token(reviewer).send(), 200).json();
    }

    /** A valid create body padded with white space to exactly {@code size} bytes. */
    private static String padded(int size) {
        String body = Http.json(new LinkedHashMap<>(complete("Padded Cloud")));
        char[] padding = new char[size - body.getBytes(StandardCharsets.UTF_8).length];
        Arrays.fill(padding, ' ');
        return body.substring(0, body.length() - 1) + new String(padding) + "}";
    }
}
