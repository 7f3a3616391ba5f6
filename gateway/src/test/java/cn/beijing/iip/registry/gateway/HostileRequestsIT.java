package cn.beijing.iip.registry.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.beijing.iip.registry.core.testing.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests refused before any route is chosen, by Spring Security's firewall or by the HTTP decoder,
 * get a problem+json like every other refusal, never an empty answer, and never reach a service.
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

    @ParameterizedTest
    @ValueSource(strings = {"long-line", "long-header", "many-headers", "negative-length", "bare-line-feed"})
    void answersRequestsTheHttpDecoderRefusesWithAProblem(String malformation) throws IOException {
        String raw = switch (malformation) {
            case "long-line" -> "GET /api/platforms?q=" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: gateway\r\n\r\n";
            case "long-header" -> "GET /api/platforms HTTP/1.1\r\nHost: gateway\r\nX-Padding: " + "y".repeat(20_000) + "\r\n\r\n";
            case "many-headers" -> "GET /api/platforms HTTP/1.1\r\nHost: gateway\r\n" + "X-Extra: v\r\n".repeat(1_000) + "\r\n";
            case "negative-length" -> "POST /api/platforms HTTP/1.1\r\nHost: gateway\r\nContent-Length: -1\r\n\r\n{}";
            case "bare-line-feed" -> "GET /api/platforms HTTP/1.1\r\nHost: gateway\r\nX-Request-Id: a\nSet-Cookie: x=1\r\n\r\n";
            default -> throw new IllegalArgumentException(malformation);
        };

        String answer = exchange(raw);

        assertThat(answer).startsWith("HTTP/1.1 400");
        String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(head.toLowerCase()).contains("content-type: application/problem+json").doesNotContain("set-cookie");
        assertThat(problemType(400, "application/problem+json", body)).isEqualTo("invalid-parameter");
        PLATFORMS.verify(0, anyRequestedFor(urlPathMatching("/api/.*")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /fallback/platforms", "POST /fallback/security-products", "GET /fallback/127.0.0.1:9"})
    void announcesNoOutageAtAnAddressOfItsOwn(String call) {
        String[] parts = call.split(" ");

        Http.Response response = http.method(parts[0], parts[1]).token(enterpriseToken()).send();

        assertThat(response.status()).isEqualTo(404);
        assertThat(problemType(response.status(), response.contentType(), response.text())).isEqualTo("not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPTIONS", "GET", "DELETE"})
    void refusesACrossOriginRequestFromAnUnknownOriginWithAProblem(String method) {
        Http.Call call = http.method(method, "/api/platforms").header("Origin", "https://evil.example");
        if (method.equals("OPTIONS")) {
            call.header("Access-Control-Request-Method", "DELETE");
        }

        Http.Response response = call.send();

        assertThat(response.status()).isEqualTo(403);
        assertThat(problemType(response.status(), response.contentType(), response.text())).isEqualTo("forbidden");
        assertThat(response.header("Access-Control-Allow-Origin")).isEmpty();
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

    /** Writes a request byte for byte, as a client that ignores the rules would, and reads until the server closes. */
    private String exchange(String raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
