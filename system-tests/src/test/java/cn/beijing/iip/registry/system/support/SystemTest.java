package cn.beijing.iip.registry.system.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtendWith;

import cn.beijing.iip.registry.core.testing.Http;
import tools.jackson.databind.JsonNode;

/** A test of the running system, through the gateway, as a client would use it. */
@ExtendWith({KeycloakServer.Extension.class, RegistrySystem.Extension.class})
public abstract class SystemTest {

    protected final RegistrySystem system;
    protected final Http http;

    protected SystemTest(RegistrySystem system) {
        this.system = system;
        this.http = system.gateway();
    }

    /** The complete bodies CONTRACT gives for each kind, which create and submit must accept. */
    public static Map<String, Object> completeBody(String kind, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        switch (kind) {
            case "platforms" -> {
                body.put("industries", List.of("automotive"));
                body.put("region", "beijing");
                body.put("description", "Connected commercial-vehicle after-market platform");
                body.put("connectedDevices", 2_200_000);
                body.put("enterprisesServed", 2307);
                body.put("declaredRevenueCny", 500_000_000L);
            }
            case "solution-providers" -> {
                body.put("domains", List.of("digital-twin"));
                body.put("industries", List.of("steel"));
                body.put("region", "beijing");
                body.put("provincesServed", 12);
                body.put("referenceCases", 40);
                body.put("declaredRevenueCny", 200_000_000L);
            }
            case "security-products" -> {
                body.put("category", "industrial-firewall");
                body.put("industries", List.of("automotive"));
                body.put("region", "beijing");
                body.put("certifications", List.of("MLPS-3"));
                body.put("declaredRevenueCny", 30_000_000L);
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return body;
    }

    protected static Http.Response expect(Http.Response response, int status) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        return response;
    }

    protected static Http.Response expectProblem(Http.Response response, int status, String type) {
        expect(response, status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:iip-registry:problem:" + type);
        return response;
    }

    /** Creates an entry and returns its id. */
    protected String create(String token, String kind, Map<String, Object> body) {
        return expect(http.post("/api/" + kind).token(token).json(body).send(), 201).json().get("id").asString();
    }

    protected Http.Response act(String token, String kind, String id, String action, Object body) {
        Http.Call call = http.post("/api/" + kind + "/" + id + "/" + action).token(token);
        return body == null ? call.send() : call.json(body).send();
    }

    /** A submitted entry of {@code enterprise}, approved by the dev reviewer. */
    protected String approved(RegistrySystem.Enterprise enterprise, String kind, Map<String, Object> body) {
        String id = create(enterprise.token(), kind, body);
        expect(act(enterprise.token(), kind, id, "submit", null), 200);
        expect(act(system.token("reviewer"), kind, id, "review", Map.of("decision", "APPROVE")), 200);
        return id;
    }

    /** The row of a target in /api/progress. */
    protected JsonNode progressRow(String target) {
        for (JsonNode row : http.get("/api/progress").send().json().get("targets")) {
            if (row.get("target").asString().equals(target)) {
                return row;
            }
        }
        throw new AssertionError("no progress row " + target);
    }

    /** Waits, with a generous bound, until {@code condition} holds for what {@code probe} gives. */
    protected static <T> T await(String what, Duration limit, Supplier<T> probe, Predicate<T> condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        T value = probe.get();
        while (!condition.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + limit + "; last seen: " + value);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            value = probe.get();
        }
        return value;
    }
}
