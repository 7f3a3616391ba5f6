package cn.beijing.iip.registry.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.testing.Http;

class RoutingIT extends GatewayTest {

    @Test
    void routesEachKindToItsServiceWithThePathUnchanged() {
        PLATFORMS.stubFor(get("/api/platforms/p1").willReturn(okJson("{\"id\":\"p1\"}")));
        PROVIDERS.stubFor(get("/api/solution-providers?q=twin").willReturn(okJson("{\"items\":[]}")));
        PRODUCTS.stubFor(get("/api/security-products/s1/history").willReturn(okJson("[]")));

        assertThat(http.get("/api/platforms/p1").send().json().get("id").asString()).isEqualTo("p1");
        assertThat(http.get("/api/solution-providers?q=twin").send().status()).isEqualTo(200);
        assertThat(http.get("/api/security-products/s1/history").send().status()).isEqualTo(200);
        PLATFORMS.verify(getRequestedFor(urlEqualTo("/api/platforms/p1")));
    }

    @Test
    void passesTheBearerTokenAndTheRequestIdOn() {
        String token = enterpriseToken();
        PLATFORMS.stubFor(post("/api/platforms").willReturn(aResponse().withStatus(201)
                .withHeader("Location", "/api/platforms/p2").withHeader("X-Request-Id", "trace-42").withBody("{}")));

        Http.Response response = http.post("/api/platforms").token(token).header("X-Request-Id", "trace-42")
                .json("{\"name\":\"x\"}").send();

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers().get("X-Request-Id")).as("one id, not the gateway's and the service's").containsExactly("trace-42");
        assertThat(response.header("Location")).contains("/api/platforms/p2");
        PLATFORMS.verify(postRequestedFor(urlEqualTo("/api/platforms"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withHeader("X-Request-Id", equalTo("trace-42")));
    }

    @Test
    void createsARequestIdWhenTheCallerSendsNoneOrAnUnsafeOne() {
        PLATFORMS.stubFor(get("/api/platforms/p1").willReturn(okJson("{}")));

        String created = http.get("/api/platforms/p1").send().header("X-Request-Id").orElseThrow();
        String replaced = http.get("/api/platforms/p1").header("X-Request-Id", "bad id\twith tab").send()
                .header("X-Request-Id").orElseThrow();

        assertThat(created).matches("[0-9a-f-]{36}");
        assertThat(replaced).matches("[0-9a-f-]{36}");
        PLATFORMS.verify(getRequestedFor(urlEqualTo("/api/platforms/p1")).withHeader("X-Request-Id", equalTo(created)));
    }

    @Test
    void rewritesAServicesOwnAddressInLocationToTheGateways() {
        PLATFORMS.stubFor(post("/api/platforms").willReturn(aResponse().withStatus(201)
                .withHeader("Location", "http://127.0.0.1:" + PLATFORMS.port() + "/api/platforms/p3")));

        Http.Response response = http.post("/api/platforms").token(enterpriseToken()).json("{\"name\":\"x\"}").send();

        assertThat(response.header("Location")).contains("http://127.0.0.1:" + port + "/api/platforms/p3");
    }

    @Test
    void letsAnonymousReadsThroughButNotChanges() {
        PLATFORMS.stubFor(get("/api/platforms").willReturn(okJson("{\"items\":[]}")));

        assertThat(http.get("/api/platforms").send().status()).isEqualTo(200);
        Http.Response write = http.post("/api/platforms").json("{\"name\":\"x\"}").send();
        assertThat(write.status()).isEqualTo(401);
        assertThat(write.contentType()).startsWith("application/problem+json");
        assertThat(write.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        PLATFORMS.verify(0, postRequestedFor(urlEqualTo("/api/platforms")));
    }

    @Test
    void answers503WhenATokensKeyCannotBeFetchedAndKeepsTheKeysItHas() {
        PLATFORMS.stubFor(get("/api/platforms").willReturn(okJson("{\"items\":[]}")));
        String known = enterpriseToken();
        String rotated = ISSUER.enterprise("carol", "91110108MA01AAA01E", "Gamma Works").signedWithUnpublishedKey().sign();
        assertThat(http.get("/api/platforms").token(known).send().status()).isEqualTo(200);

        ISSUER.keysGone();
        try {
            Http.Response refused = http.post("/api/platforms").token(rotated).json("{\"name\":\"x\"}").send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asString()).isEqualTo("urn:iip-registry:problem:identity-unavailable");
            assertThat(refused.json().get("detail").asString()).contains("identity provider");
            assertThat(refused.header("Retry-After")).isPresent();
            // the failed look-up for the new key must not cost the keys already known
            assertThat(http.get("/api/platforms").token(known).send().status()).isEqualTo(200);
        } finally {
            ISSUER.keysBack();
        }
        assertThat(http.post("/api/platforms").token(rotated).json("{\"name\":\"x\"}").send().status()).isEqualTo(401);
        PLATFORMS.verify(0, postRequestedFor(urlEqualTo("/api/platforms")));
    }

    @Test
    void refusesBadTokensEvenOnReads() {
        String expired = ISSUER.user("old", "ENTERPRISE").expiresAt(Instant.now().minusSeconds(600)).sign();
        String forged = ISSUER.user("mallory", "ADMIN").signedByStranger().sign();
        String foreign = ISSUER.user("visitor", "ADMIN").issuer("http://elsewhere.example/realms/iip").sign();
        String otherAudience = ISSUER.user("visitor", "ADMIN").audience("another-api").sign();

        for (String token : new String[] {expired, forged, foreign, otherAudience, "not.a.token"}) {
            Http.Response response = http.get("/api/platforms").token(token).send();
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.json().get("type").asString()).isEqualTo("urn:iip-registry:problem:unauthorized");
        }
        assertThat(http.get("/api/platforms").token(expired).send().json().get("detail").asString()).contains("expired");
    }

    @Test
    void refusesBodiesOverOneMebibyte() {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');

        Http.Response response = http.post("/api/platforms").token(enterpriseToken()).body(big, "application/json").send();

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:iip-registry:problem:payload-too-large");
        PLATFORMS.verify(0, postRequestedFor(urlEqualTo("/api/platforms")));
    }

    @Test
    void refusesAChunkedBodyThatGrowsPastOneMebibyteWithoutCountingItAgainstTheService() throws Exception {
        PLATFORMS.stubFor(post("/api/platforms").willReturn(aResponse().withStatus(201)));
        byte[] big = new byte[1024 * 1024 + 1];
        Arrays.fill(big, (byte) 'a');
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/platforms"))
                .header("Authorization", "Bearer " + enterpriseToken()).header("Content-Type", "application/json")
                // a stream of unknown length is sent in chunks, without Content-Length
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();

        for (int i = 0; i < 12; i++) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).contains("urn:iip-registry:problem:payload-too-large");
        }
        // twelve refused bodies did not open the service's breaker
        assertThat(http.post("/api/platforms").token(enterpriseToken()).json("{\"name\":\"x\"}").send().status())
                .isEqualTo(201);
    }

    @Test
    void answersUnknownPathsWithAProblem() {
        Http.Response response = http.get("/api/nothing-here").send();

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:iip-registry:problem:not-found");
    }

    @Test
    void sendsSecurityHeadersAndAllowsTheConfiguredOrigin() {
        PLATFORMS.stubFor(get("/api/platforms").willReturn(okJson("{}")));

        Http.Response response = http.get("/api/platforms").send();
        Http.Response preflight = http.method("OPTIONS", "/api/platforms")
                .header("Origin", "https://portal.example.gov.cn")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key").send();
        Http.Response stranger = http.method("OPTIONS", "/api/platforms")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").send();

        assertThat(response.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.header("X-Frame-Options")).contains("DENY");
        assertThat(response.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).contains("https://portal.example.gov.cn");
        assertThat(stranger.status()).isEqualTo(403);
    }
}
