package cn.beijing.iip.registry.system.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bson.Document;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import cn.beijing.iip.registry.core.testing.Codes;
import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.plan.EntryKind;

/**
 * The whole registry on free ports, each part its own process as in production: the embedded store,
 * a real Keycloak with the dev realm, the three services and the gateway. One per test run, shared by
 * the system tests ({@code @ExtendWith(RegistrySystem.Extension.class)}); tests that stop or add parts
 * start their own extra processes through it.
 */
public final class RegistrySystem implements AutoCloseable {

    private static final java.util.concurrent.atomic.AtomicInteger ENTERPRISES = new java.util.concurrent.atomic.AtomicInteger();

    private final KeycloakServer keycloak;
    private final AppProcess store;
    private final Map<EntryKind, AppProcess> services = new LinkedHashMap<>();
    private AppProcess gateway;
    private final List<AppProcess> extras = new CopyOnWriteArrayList<>();
    private final MongoClient client;

    private RegistrySystem(KeycloakServer keycloak) {
        this.keycloak = keycloak;
        store = AppProcess.store(AppProcess.freePort(), null).start();
        try {
            store.awaitLogLine("store ready", Duration.ofSeconds(60));
            for (EntryKind kind : EntryKind.values()) {
                services.put(kind, AppProcess.app(kind.application(), AppProcess.freePort(), serviceEnvironment()).start());
            }
            gateway = AppProcess.app("gateway", AppProcess.freePort(), gatewayEnvironment(Map.of())).start();
            for (AppProcess service : services.values()) {
                service.awaitReady("/actuator/health/readiness", Duration.ofMinutes(3));
            }
            gateway.awaitReady("/actuator/health/readiness", Duration.ofMinutes(3));
        } catch (RuntimeException e) {
            services.values().forEach(AppProcess::stop);
            store.stop();
            throw e;
        }
        client = MongoClients.create(storeUri());
    }

    /**
     * The test run's system, started on first use and stopped with the run's root context. A start that
     * failed is not tried again by every test: they all fail at once with its cause.
     */
    public static RegistrySystem in(ExtensionContext context) {
        KeycloakServer keycloak = KeycloakServer.in(context);
        Start start = context.getRoot().getStore(ExtensionContext.Namespace.create(RegistrySystem.class))
                .computeIfAbsent(Start.class, type -> Start.attempt(keycloak), Start.class);
        if (start.failure() != null) {
            throw new IllegalStateException("the registry could not be started for the system tests", start.failure());
        }
        return start.system();
    }

    /** One attempt to start the system; closing it stops the system with the test run. */
    private record Start(RegistrySystem system, RuntimeException failure) implements AutoCloseable {

        static Start attempt(KeycloakServer keycloak) {
            try {
                return new Start(new RegistrySystem(keycloak), null);
            } catch (RuntimeException e) {
                return new Start(null, e);
            }
        }

        @Override
        public void close() {
            if (system != null) {
                system.close();
            }
        }
    }

    /** The settings every service gets here; figures are recounted every second so tests need not wait long. */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IIP_STORE_URI", storeUri());
        env.put("IIP_ISSUER_URI", keycloak.issuer());
        env.put("IIP_DEMO", "off");
        env.put("IIP_FIGURES_REFRESH", "1s");
        return env;
    }

    /** A gateway's settings in front of this system's services, with {@code overrides} on top. */
    public Map<String, String> gatewayEnvironment(Map<String, String> overrides) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IIP_ISSUER_URI", keycloak.issuer());
        env.put("IIP_PLATFORMS_URL", services.get(EntryKind.PLATFORMS).url());
        env.put("IIP_SOLUTION_PROVIDERS_URL", services.get(EntryKind.SOLUTION_PROVIDERS).url());
        env.put("IIP_SECURITY_PRODUCTS_URL", services.get(EntryKind.SECURITY_PRODUCTS).url());
        env.put("IIP_RATE_LIMIT", "0");
        env.put("IIP_FIGURES_REFRESH", "1s");
        env.putAll(overrides);
        return env;
    }

    public String storeUri() {
        return "mongodb://127.0.0.1:" + store.port() + "/iip";
    }

    public Http gateway() {
        return new Http(gateway.url());
    }

    public AppProcess gatewayProcess() {
        return gateway;
    }

    public AppProcess service(EntryKind kind) {
        return services.get(kind);
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    /** An access token of a dev user (password = user name) from the real Keycloak. */
    public String token(String user) {
        return keycloak.accessToken(user);
    }

    /** The entries of a kind, straight from the store, for checks against what the API says. */
    public MongoCollection<Document> entries(EntryKind kind) {
        return client.getDatabase("iip").getCollection(kind.code());
    }

    /** An enterprise of this run: its user, credit code, name and a fresh token. */
    public record Enterprise(String username, String creditCode, String name, String token) {
    }

    /**
     * A new enterprise user with its own credit code, created through Keycloak's admin API as the
     * CONTRACT describes (tests never share an enterprise, so they never see each other's entries).
     */
    public Enterprise newEnterprise(String name, String... furtherRoles) {
        int n = ENTERPRISES.incrementAndGet();
        String username = "enterprise-" + n + "-" + System.nanoTime() % 100_000;
        String code = Codes.numbered(n * 7919 + (int) (System.nanoTime() % 1000));
        keycloak.admin().createEnterpriseUser(username, username, code, name, furtherRoles);
        return new Enterprise(username, code, name, keycloak.accessToken(username));
    }

    /** Starts and tracks an extra process (a second gateway, another replica); stopped with the system. */
    public AppProcess startExtra(AppProcess process, String readyPath) {
        extras.add(process);
        process.start().awaitReady(readyPath, Duration.ofMinutes(3));
        return process;
    }

    @Override
    public void close() {
        extras.forEach(AppProcess::stop);
        gateway.stop();
        services.values().forEach(AppProcess::stop);
        store.stop();
        if (client != null) {
            client.close();
        }
    }

    /** Resolves {@link RegistrySystem} parameters of tests and test constructors to the run's system. */
    public static final class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == RegistrySystem.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return in(context);
        }
    }
}
