package cn.beijing.iip.coretest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.problem.ProblemType;
import tools.jackson.databind.JsonNode;

/** What operators rely on: health probes, the API description, request ids and virtual threads. */
class OperableIT extends ApiTest {

    @Autowired
    Environment environment;

    @Test
    void reportsLivenessAndReadinessWithTheStoreAndItsIndexes() {
        JsonNode health = expect(http.get("/actuator/health").send(), 200).json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("store").get("status").asString()).isEqualTo("UP");
        assertThat(expect(http.get("/actuator/health/liveness").send(), 200).json().get("status").asString()).isEqualTo("UP");

        JsonNode readiness = expect(http.get("/actuator/health/readiness").send(), 200).json();

        assertThat(readiness.get("status").asString()).isEqualTo("UP");
        assertThat(readiness.get("components").propertyNames()).contains("store", "storeIndexes", "readinessState");
    }

    @Test
    void exposesHealthInfoAndMetricsButNotTheRestOfTheActuator() {
        expect(http.get("/actuator/prometheus").send(), 200);
        for (String endpoint : new String[] {"env", "heapdump", "beans", "configprops", "loggers", "threaddump"}) {
            assertThat(http.get("/actuator/" + endpoint).token(admin).send().status()).as(endpoint).isEqualTo(404);
        }
    }

    @Test
    void describesTheKindsPathsInOpenApi() {
        Http.Response docs = expect(http.get("/v3/api-docs").send(), 200);

        assertThat(docs.contentType()).startsWith("application/json");
        JsonNode api = docs.json();
        assertThat(api.get("openapi").asString()).startsWith("3.");
        assertThat(api.get("paths").propertyNames()).contains("/api/platforms", "/api/platforms/{id}",
                "/api/platforms/{id}/submit", "/api/platforms/{id}/withdraw", "/api/platforms/{id}/review",
                "/api/platforms/{id}/revoke", "/api/platforms/{id}/reopen", "/api/platforms/{id}/history");
        assertThat(api.get("paths").get("/api/platforms").propertyNames()).contains("get", "post");
    }

    @Test
    void echoesASafeRequestId() {
        Http.Response response = http.get("/api/platforms").header("X-Request-Id", "gw-4f2a.9:b_c").send();

        assertThat(response.header("X-Request-Id")).contains("gw-4f2a.9:b_c");
    }

    @Test
    void createsARequestIdWhenNoneIsSent() {
        Http.Response first = http.get("/api/platforms").send();
        Http.Response second = http.get("/api/platforms").send();

        String id = first.header("X-Request-Id").orElseThrow();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(second.header("X-Request-Id")).isPresent().isNotEqualTo(first.header("X-Request-Id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"has spaces", "<script>alert(1)</script>", "line\tbreak", "ünïcode", "semi;colon", "",
            "0123456789012345678901234567890123456789012345678901234567890123x"})
    void replacesAnUnsafeRequestIdWithANewOne(String offered) {
        Http.Response response = http.get("/api/platforms").header("X-Request-Id", offered).send();

        String id = response.header("X-Request-Id").orElseThrow();
        assertThat(id).isNotEqualTo(offered);
        assertThat(UUID.fromString(id)).isNotNull();
    }

    @Test
    void putsTheRequestIdIntoEveryProblemWhereverItIsRaised() {
        assertThat(problem(http.get("/api/platforms/nope").header("X-Request-Id", "r-404").send(), ProblemType.NOT_FOUND)
                .get("requestId").asString()).isEqualTo("r-404");
        Http.Response unauthorized = http.post("/api/platforms").header("X-Request-Id", "r-401").json("{}").send();
        assertThat(problem(unauthorized, ProblemType.UNAUTHORIZED).get("requestId").asString()).isEqualTo("r-401");
        assertThat(unauthorized.header("X-Request-Id")).contains("r-401");
        assertThat(problem(http.post("/api/platforms").token(reviewer).header("X-Request-Id", "r-403").json("{}").send(),
                ProblemType.FORBIDDEN).get("requestId").asString()).isEqualTo("r-403");
        assertThat(problem(http.post("/api/platforms").token(alice).header("X-Request-Id", "r-400").json("{").send(),
                ProblemType.MALFORMED_JSON).get("requestId").asString()).isEqualTo("r-400");
        Http.Response tooLarge = http.post("/api/platforms").token(alice).header("X-Request-Id", "r-413")
                .json("{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}").send();
        assertThat(problem(tooLarge, ProblemType.PAYLOAD_TOO_LARGE).get("requestId").asString()).isEqualTo("r-413");
    }

    @Test
    void servesRequestsOnVirtualThreads() {
        assertThat(environment.getProperty("spring.threads.virtual.enabled", Boolean.class)).isTrue();

        JsonNode thread = expect(http.get(ThreadProbe.PATH).token(alice).send(), 200).json();

        assertThat(thread.get("virtual").asBoolean()).isTrue();
    }
}
