package cn.beijing.iip.registry.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.beijing.iip.registry.core.testing.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests refused before any route is chosen, by Spring Security's firewall, get a problem+json like
 * every other refusal, never an empty answer, and never reach a service.
 */
class HostileRequestsIT extends GatewayTest {

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "TRACK", "PROPFIND", "DEBUG", "FOO"})
    void refusesMethodsTheApiDoesNotDefineWithAProblem(String method) {
        Http.Response response = http.method(method, "/api/platforms").header("X-Probe", "echo-me").send();

        assertThat(problemType(response.status(), response.contentType(), response.text())).isEqualTo("method-not-allowed");
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.text()).doesNotContain("echo-me");
        PLATFORMS.verify(0, anyRequestedFor(urlPathMatching("/api/.*")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/platforms//x", "/api/platforms/./x", "/api/platforms/x;owner=y",
            "/api/platforms/%2e%2e/%2e%2e/internal/figures", "/api/platforms/..%2F..%2Finternal%2Ffigures",
            "/api/platforms/x%00", "/api/platforms/..%5C..%5Cinternal"})
    void refusesAddressesAServerBehindCouldReadDifferentlyWithAProblem(String path) {
        Http.Response response = http.get(path).send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(problemType(response.status(), response.contentType(), response.text())).isEqualTo("invalid-parameter");
        PLATFORMS.verify(0, anyRequestedFor(urlPathMatching("/api/.*")));
    }

    /** The slug of a problem+json answer's type, after checking it is one of the registry's and complete. */
    private static String problemType(int status, String contentType, String body) {
        assertThat(contentType).startsWith("application/problem+json");
        JsonNode problem = JsonMapper.builder().build().readTree(body);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
        String type = problem.get("type").asString();
        assertThat(type).startsWith("urn:iip-registry:problem:");
        return type.substring("urn:iip-registry:problem:".length());
    }
}
