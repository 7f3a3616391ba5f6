package cn.beijing.iip.registry.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One real Keycloak per test JVM: Keycloak's own distribution (unpacked by this module's build into
 * {@code target/keycloak}), started through {@code scripts/keycloak.sh} on a free port with the dev realm
 * from {@code deploy/keycloak/iip-realm.json} imported into a fresh database. It is stopped when the test
 * run ends, and by a shutdown hook if the JVM ends first.
 *
 * <p>Tests get it as a parameter through {@link Extension}; other extensions (the whole-system ones,
 * which need the issuer before they start the services) get the same instance from {@link #in}.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "iip";
    public static final String CLI_CLIENT = "iip-cli";
    public static final String GATEWAY_CLIENT = "iip-gateway";
    /** The dev realm's secret for {@value #GATEWAY_CLIENT}; the production realm takes it from the environment. */
    public static final String GATEWAY_DEV_SECRET = "iip-gateway-dev-secret";

    /** A first start on a busy two-core machine builds Keycloak (about a minute) and then imports the realm. */
    private static final Duration START_LIMIT = Duration.ofMinutes(10);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
    private static final Duration REQUEST_LIMIT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Thread shutdownHook;
    private Duration startup = Duration.ZERO;
    private boolean stopped;

    private KeycloakServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.shutdownHook = new Thread(this::stop, "keycloak-stop");
    }

    /** The test run's Keycloak, started on first use and closed with the run's root context. */
    public static KeycloakServer in(ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.create(KeycloakServer.class))
                .computeIfAbsent(KeycloakServer.class, type -> start(Settings.fromSystemProperties()), KeycloakServer.class);
    }

    /** Starts Keycloak and waits until it answers for the realm; prefer {@link #in} so a run shares one. */
    public static KeycloakServer start(Settings settings) {
        return start(settings, freePort(), true);
    }

    /**
     * Starts Keycloak from {@code settings.home()} on {@code port} and waits until it answers for the realm.
     * {@code fresh} imports the realm into a new database; without it Keycloak comes back with the database
     * (users, signing keys) it had when it stopped, as after an operator's restart.
     */
    public static KeycloakServer start(Settings settings, int port, boolean fresh) {
        Path log = settings.logs().resolve("keycloak-" + port + ".log");
        List<String> command = new ArrayList<>(List.of("bash", settings.script().toString(), "start",
                settings.home().toString(), "--port", Integer.toString(port), "--realm", settings.realm().toString()));
        if (fresh) {
            command.add("--fresh");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                // a restart on the same port adds to the log of the first start
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the JDK running the tests is the one the build found; Keycloak runs on 17 and newer
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        KeycloakServer server;
        try {
            Files.createDirectories(settings.logs());
            server = new KeycloakServer(builder.start(), port, log);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not run " + settings.script(), e);
        }
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.awaitReady();
        }
        catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitReady() {
        Instant began = Instant.now();
        Instant deadline = began.plus(START_LIMIT);
        URI ready = url("/health/ready");
        URI realm = url("/realms/" + REALM + "/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak ended with exit code " + process.exitValue()
                        + " before it was ready; the end of " + log + ":\n" + logTail(40));
            }
            if (answers(ready) && answers(realm)) {
                startup = Duration.between(began, Instant.now());
                System.out.printf("Keycloak ready on port %d after %.1f s%s; log %s%n", port,
                        startup.toMillis() / 1000.0, builtItself() ? " (it built itself first)" : "", log);
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("Keycloak was not ready within " + START_LIMIT + "; the end of " + log
                + ":\n" + logTail(40));
    }

    private boolean answers(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://localhost:<port>}: the host Keycloak's host name is pinned to. */
    public URI baseUrl() {
        return URI.create("http://localhost:" + port);
    }

    /** The issuer every token of realm {@value #REALM} carries, whichever host name it was asked at. */
    public String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    public URI url(String path) {
        return URI.create(baseUrl() + path);
    }

    public URI tokenEndpoint() {
        return URI.create(issuer() + "/protocol/openid-connect/token");
    }

    /** How long the start took, from running the script until the realm answered. */
    public Duration startup() {
        return startup;
    }

    public Path log() {
        return log;
    }

    public HttpClient http() {
        return http;
    }

    public JsonMapper json() {
        return json;
    }

    /** A password grant through the public client {@value #CLI_CLIENT}, as the CONTRACT's scripts do. */
    public Token password(String username, String password) {
        return token(tokenEndpoint(), Map.of("grant_type", "password", "client_id", CLI_CLIENT,
                "username", username, "password", password));
    }

    /** A dev user's access token; their password is their user name. */
    public String accessToken(String devUser) {
        return password(devUser, devUser).accessToken();
    }

    /** A token from any token endpoint; fails with Keycloak's answer unless it is 200. */
    public Token token(URI endpoint, Map<String, String> form) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form))));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request to " + endpoint + " for " + form.get("username")
                    + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = json.readTree(response.body());
        return Token.of(body.path("access_token").asString(), body.path("expires_in").asLong(), json);
    }

    /** A token of Keycloak's own administrator (master realm, admin/admin) for the admin REST API. */
    public String adminToken() {
        return token(url("/realms/master/protocol/openid-connect/token"), Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", "admin", "password", "admin")).accessToken();
    }

    /** The admin REST API of realm {@value #REALM}, called as Keycloak's administrator. */
    public RealmAdmin admin() {
        return new RealmAdmin(this);
    }

    /** A cookie-keeping client for Keycloak's own pages (login, registration). */
    public BrowserSession browser() {
        return new BrowserSession(http);
    }

    /** Sends a request with a bounded wait and reads the answer as text. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(REQUEST_LIMIT).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Resident and peak resident memory of Keycloak's JVM, from /proc (Linux). */
    public Optional<Memory> memory() {
        return jvm().flatMap(Memory::of);
    }

    private Optional<ProcessHandle> jvm() {
        // scripts/keycloak.sh execs kc.sh, which runs the JVM as its child, or becomes it after a build
        ProcessHandle self = process.toHandle();
        if (isJava(self)) {
            return Optional.of(self);
        }
        return self.descendants().filter(KeycloakServer::isJava).findFirst();
    }

    private static boolean isJava(ProcessHandle handle) {
        return handle.info().command().map(command -> command.endsWith("/java")).orElse(false);
    }

    private boolean builtItself() {
        try {
            return Files.readString(log).contains("Quarkus augmentation completed");
        }
        catch (IOException e) {
            return false;
        }
    }

    private String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to; it stops the same process
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        memory().ifPresent(memory -> System.out.printf("Keycloak on port %d at its stop: RSS %d MiB, peak RSS %d MiB%n",
                port, memory.rssKib() / 1024, memory.peakKib() / 1024));
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // kc.sh passes TERM on to the JVM; anything still running after that is ended outright
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }

    /** Where the script, the realm and Keycloak's home are; the module's build sets them as system properties. */
    public record Settings(Path root, Path home, Path logs) {

        public static Settings fromSystemProperties() {
            Path root = Path.of(System.getProperty("iip.root", "..")).toAbsolutePath().normalize();
            return new Settings(root,
                    Path.of(System.getProperty("keycloak.home", "target/keycloak")).toAbsolutePath().normalize(),
                    Path.of(System.getProperty("keycloak.logs", "target/keycloak-logs")).toAbsolutePath().normalize());
        }

        public Path script() {
            return root.resolve("scripts/keycloak.sh");
        }

        public Path realm() {
            return root.resolve("deploy/keycloak/iip-realm.json");
        }

        public Path productionRealm() {
            return root.resolve("deploy/keycloak/iip-realm-prod.json");
        }
    }

    public record Memory(long rssKib, long peakKib) {

        static Optional<Memory> of(ProcessHandle process) {
            try {
                Map<String, Long> status = new LinkedHashMap<>();
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    String[] parts = line.split(":\\s+");
                    if (parts.length == 2 && parts[1].endsWith(" kB")) {
                        status.put(parts[0], Long.parseLong(parts[1].replace(" kB", "").trim()));
                    }
                }
                return Optional.of(new Memory(status.getOrDefault("VmRSS", 0L), status.getOrDefault("VmHWM", 0L)));
            }
            catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /** Resolves {@link KeycloakServer} parameters of tests and test constructors to the run's Keycloak. */
    public static final class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == KeycloakServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return in(context);
        }
    }
}
