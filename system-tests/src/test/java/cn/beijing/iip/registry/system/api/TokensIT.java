package cn.beijing.iip.registry.system.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.system.support.RegistrySystem;
import cn.beijing.iip.registry.system.support.SystemTest;

/** Tokens that must not open the API, made by a real Keycloak or from one of its tokens. */
class TokensIT extends SystemTest {

    TokensIT(RegistrySystem system) {
        super(system);
    }

    @Test
    void refusesAChangeWithoutAToken() {
        Http.Response response = http.post("/api/platforms").json(completeBody("platforms", "Anonymous")).send();

        expectProblem(response, 401, "unauthorized");
        assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void refusesATokenOfAnotherRealm() {
        String master = system.keycloak().token(system.keycloak().url("/realms/master/protocol/openid-connect/token"),
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin")).accessToken();

        expectProblem(http.get("/api/platforms").token(master).send(), 401, "unauthorized");
    }

    @Test
    void refusesATokenMeantForAnotherAudience() {
        String clientId = "elsewhere-" + System.nanoTime() % 100_000;
        system.keycloak().admin().post("/clients", Map.of("clientId", clientId, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false));
        String token = system.keycloak().token(system.keycloak().tokenEndpoint(), Map.of("grant_type", "password",
                "client_id", clientId, "username", "enterprise-a", "password", "enterprise-a")).accessToken();

        Http.Response response = http.post("/api/platforms").token(token).json(completeBody("platforms", "Elsewhere")).send();

        expectProblem(response, 401, "unauthorized");
        assertThat(response.json().get("detail").asString()).contains("audience");
    }

    @Test
    void refusesATokenWhoseSignatureWasTamperedWith() {
        String[] parts = system.token("enterprise-a").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"ENTERPRISE\"", "\"ADMIN\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        expectProblem(http.post("/api/platforms/none/revoke").token(forged).json(Map.of("reason", "x")).send(), 401, "unauthorized");
    }

    @Test
    void refusesAnUnsignedToken() {
        String[] parts = system.token("admin").split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}"
                .getBytes(StandardCharsets.UTF_8));

        for (String token : List.of(none + "." + parts[1] + ".", none + "." + parts[1])) {
            expectProblem(http.get("/api/platforms").token(token).send(), 401, "unauthorized");
        }
    }

    @Test
    void refusesATokenOnceItHasExpired() {
        String clientId = "short-lived-" + System.nanoTime() % 100_000;
        system.keycloak().admin().post("/clients", Map.of("clientId", clientId, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "attributes", Map.of("access.token.lifespan", "2"),
                "protocolMappers", List.of(Map.of("name", "iip-api audience", "protocol", "openid-connect",
                        "protocolMapper", "oidc-audience-mapper",
                        "config", Map.of("included.custom.audience", "iip-api", "access.token.claim", "true")))));
        String token = system.keycloak().token(system.keycloak().tokenEndpoint(), Map.of("grant_type", "password",
                "client_id", clientId, "username", "enterprise-b", "password", "enterprise-b")).accessToken();
        expect(http.get("/api/platforms").token(token).send(), 200);

        // resource servers allow 60 s of clock skew, so a token lasting 2 s is refused some 62 s later
        Http.Response refused = await("the token to be refused", Duration.ofSeconds(120),
                () -> http.get("/api/platforms").token(token).send(), response -> response.status() == 401);

        assertThat(refused.json().get("detail").asString()).contains("expired");
    }
}
