package cn.beijing.iip.registry.system.faults;

import static cn.beijing.iip.registry.system.faults.Registrations.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.identity.Roles;
import cn.beijing.iip.registry.system.support.AppProcess;
import cn.beijing.iip.registry.system.support.KeycloakServer;
import cn.beijing.iip.registry.system.support.RegistrySystem;
import cn.beijing.iip.registry.system.support.SystemTest;

/**
 * Keycloak stops: tokens it issued before keep working for reads and writes, through the gateway and
 * at a service, because both keep the keys they fetched; a new login cannot reach the token endpoint;
 * a token naming a key nobody has seen is answered 503 identity-unavailable and costs no one the keys
 * already known; once Keycloak is back, on its own database, logins work again and old and new tokens
 * are accepted.
 * The shared Keycloak serves the other tests, so this test runs a second one from a copy of its home,
 * with its own store, service and gateway pointed at it.
 */
class KeycloakOutageIT extends SystemTest {

    private final OwnProcesses processes = new OwnProcesses();

    KeycloakOutageIT(RegistrySystem system) {
        super(system);
    }

    @AfterEach
    void stopOwnProcesses() {
        processes.close();
    }

    @Test
    void keepsIssuedTokensWorkingWhileKeycloakIsDownAndLogsInAgainOnceItIsBack() {
        KeycloakServer.Settings shared = KeycloakServer.Settings.fromSystemProperties();
        KeycloakServer.Settings own = new KeycloakServer.Settings(shared.root(), copyOfHome(shared.home()), shared.logs());
        int port = AppProcess.freePort();
        KeycloakServer keycloak = processes.track(KeycloakServer.start(own, port, true));
        AppProcess store = processes.store(AppProcess.store(AppProcess.freePort(), null));
        Map<String, String> environment = new LinkedHashMap<>(system.serviceEnvironment());
        environment.put("IIP_STORE_URI", StoreAccess.uri(store));
        environment.put("IIP_ISSUER_URI", keycloak.issuer());
        AppProcess service = processes.app(AppProcess.app("platform-registry", AppProcess.freePort(), environment));
        AppProcess gateway = processes.app(AppProcess.app("gateway", AppProcess.freePort(), system.gatewayEnvironment(
                Map.of("IIP_ISSUER_URI", keycloak.issuer(), "IIP_PLATFORMS_URL", service.url()))));
        Http outside = new Http(gateway.url());
        Http inside = new Http(service.url());
        String owner = keycloak.accessToken("enterprise-a");
        String reviewer = keycloak.accessToken("reviewer");

        // the first use of a token makes the gateway and the service fetch Keycloak's keys, as in any running system
        String before = created(outside, owner, "Keys Fetched Cloud");
        expect(inside.get("/api/platforms/" + before).token(owner).send(), 200);

        Instant stopping = Instant.now();
        keycloak.close();
        Duration stopTook = Duration.between(stopping, Instant.now());

        Instant loginStarted = Instant.now();
        Throwable login = catchThrowable(() -> keycloak.accessToken("enterprise-b"));
        Duration loginTook = Duration.between(loginStarted, Instant.now());
        System.out.printf("keycloak down (its stop took %s): a login at %s failed after %s with %s%n", seconds(stopTook),
                keycloak.tokenEndpoint(), seconds(loginTook), describe(login));
        assertThat(login).as("a login while Keycloak is down").isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(ConnectException.class);

        String during = created(outside, owner, "Written While Keycloak Was Down");
        Map<String, Integer> answers = new LinkedHashMap<>();
        answers.put("gateway: owner reads a draft", outside.get("/api/platforms/" + during).token(owner).send().status());
        answers.put("service: owner reads a draft", inside.get("/api/platforms/" + during).token(owner).send().status());
        answers.put("gateway: owner lists own entries", outside.get("/api/platforms?mine=true").token(owner).send().status());
        answers.put("gateway: owner submits", act(outside, owner, during, "submit", null).status());
        answers.put("gateway: reviewer approves", act(outside, reviewer, during, "review", Map.of("decision", "APPROVE")).status());
        answers.put("service: owner reads its history", inside.get("/api/platforms/" + during + "/history").token(owner).send().status());
        System.out.printf("keycloak down: tokens issued before: %s%n", answers);
        assertThat(answers).allSatisfy((call, status) -> assertThat(status).as(call).isEqualTo(200));
        assertThat(outside.get("/api/platforms/" + during).send().json().get("status").asString()).isEqualTo("APPROVED");

        // a token whose key was never published (rotated in just before the outage, or forged) cannot be
        // checked now: the caller should try again later, not log in again
        String unknownKey = signedWithAnUnknownKey(keycloak.issuer());
        Http.Response atGateway = outside.post("/api/platforms").token(unknownKey)
                .json(completeBody("platforms", "Unknown Key Cloud")).send();
        Http.Response atService = inside.post("/api/platforms").token(unknownKey)
                .json(completeBody("platforms", "Unknown Key Cloud")).send();
        System.out.printf("keycloak down: a token signed with a key never published: gateway %s; service %s%n",
                atGateway, atService);
        expectProblem(atGateway, 503, "identity-unavailable");
        expectProblem(atService, 503, "identity-unavailable");
        assertThat(atGateway.header("Retry-After")).isPresent();
        // looking for that key in vain must not cost the keys already known
        expect(outside.get("/api/platforms/" + during).token(owner).send(), 200);
        expect(inside.get("/api/platforms/" + during).token(owner).send(), 200);
        expect(outside.post("/api/platforms").token(owner).json(completeBody("platforms", "After An Unknown Key")).send(), 201);

        Instant restarting = Instant.now();
        KeycloakServer again = processes.track(KeycloakServer.start(own, port, false));
        Instant back = Instant.now();
        String fresh = again.accessToken("enterprise-b");
        String after = created(outside, fresh, "After Keycloak Returned");
        expect(inside.get("/api/platforms/" + after).token(fresh).send(), 200);
        expect(outside.get("/api/platforms/" + before).token(owner).send(), 200);
        System.out.printf("keycloak back on its own database after %s down (its restart took %s): the login refused"
                + " before works; signing key %s before, %s after%n", seconds(Duration.between(stopping, back)),
                seconds(Duration.between(restarting, back)), keyId(owner), keyId(fresh));
        assertThat(keyId(fresh)).as("the key Keycloak signs with survives its restart").isEqualTo(keyId(owner));
        expectProblem(inside.post("/api/platforms").token(unknownKey).json(completeBody("platforms", "Unknown Key Cloud"))
                .send(), 401, "unauthorized");
        expectProblem(outside.post("/api/platforms").token(unknownKey).json(completeBody("platforms", "Unknown Key Cloud"))
                .send(), 401, "unauthorized");
    }

    private static String created(Http gateway, String token, String name) {
        return expect(gateway.post("/api/platforms").token(token).json(completeBody("platforms", name)).send(), 201)
                .json().get("id").asString();
    }

    private static Http.Response act(Http gateway, String token, String id, String action, Object body) {
        Http.Call call = gateway.post("/api/platforms/" + id + "/" + action).token(token);
        return body == null ? call.send() : call.json(body).send();
    }

    /** An exception and its causes, as a client's log would show them. */
    private static String describe(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            chain.append(chain.isEmpty() ? "" : " <- ").append(cause.getClass().getName())
                    .append(cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
        }
        return chain.toString();
    }

    /** The id of the key a token was signed with, from its header. */
    private static String keyId(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        return Registrations.json(header).path("kid").asString();
    }

    /** A token like Keycloak's for enterprise-a, signed with a fresh RSA key under a key id no JWK set names. */
    private static String signedWithAnUnknownKey(String issuer) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair key = generator.generateKeyPair();
            long now = Instant.now().getEpochSecond();
            String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"never-published\"}";
            String claims = Http.json(Map.of("iss", issuer, "aud", List.of(Roles.API_AUDIENCE), "sub", "unknown-key",
                    "iat", now, "exp", now + 300, "realm_access", Map.of("roles", List.of(Roles.ENTERPRISE))));
            String signingInput = base64(header.getBytes(StandardCharsets.UTF_8)) + "." + base64(claims.getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A copy of the shared Keycloak's home with the build it made of itself on its first start, but
     * without its database: each home has its own, so the two run side by side (scripts/keycloak.sh).
     */
    private static Path copyOfHome(Path home) {
        if (!Files.isDirectory(home.resolve("lib/quarkus"))) {
            throw new IllegalStateException(home + " has no build of Keycloak yet; the shared Keycloak makes it on its first start");
        }
        Path copy = home.resolveSibling(home.getFileName() + "-outage");
        try {
            if (Files.exists(copy)) {
                try (Stream<Path> old = Files.walk(copy)) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            try (Stream<Path> files = Files.walk(home)) {
                for (Path source : files.filter(path -> !path.startsWith(home.resolve("data"))).toList()) {
                    Files.copy(source, copy.resolve(home.relativize(source).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy Keycloak's home " + home + " to " + copy, e);
        }
        return copy;
    }
}
