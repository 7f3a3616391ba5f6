package cn.beijing.iip.coretest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.problem.ProblemType;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Request bodies and checks of answers that API tests share, apart from any store or issuer. */
final class Answers {

    /** Reads problem bodies refusing repeated members, which clients would resolve differently. */
    private static final JsonMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private Answers() {
    }

    /** A complete body, so that submit accepts it. */
    static Map<String, Object> complete(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("industries", List.of("steel"));
        body.put("region", "beijing");
        body.put("description", "Connected furnaces");
        body.put("devices", 1200);
        body.put("declaredRevenueCny", 300_000_000L);
        return body;
    }

    static Http.Response expect(Http.Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("expected " + status + " but got " + response);
        }
        return response;
    }

    /**
     * The problem+json body of a refusal, after checking what every refusal must show a caller: the
     * status, the stable type, a readable detail, and nothing of the code or the store behind it.
     */
    static JsonNode problem(Http.Response response, ProblemType type) {
        expect(response, type.status());
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode body = STRICT.readTree(response.bytes());
        assertThat(body.get("type").asString()).isEqualTo(type.uri().toString());
        assertThat(body.get("status").asInt()).isEqualTo(type.status());
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("detail").asString()).isNotBlank();
        assertThat(response.text()).doesNotContain("Exception", "at cn.", "com.mongodb", "E11000", "tools.jackson",
                "com.fasterxml", "java.lang", "springframework", "trace");
        return body;
    }

    /** The fields a 400 names: {@code field} for body errors, {@code errors[].field} for validation. */
    static List<String> fieldsNamed(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        if (problem.has("field")) {
            fields.add(problem.get("field").asString());
        }
        if (problem.has("errors")) {
            problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        }
        return fields;
    }
}
