package cn.beijing.iip.registry.system.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.beijing.iip.registry.identity.Roles;
import cn.beijing.iip.registry.system.support.KeycloakServer.Settings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/keycloak/iip-realm-prod.json as an operator uses it: Keycloak's own offline {@code kc.sh import}
 * into an empty database, with the gateway's secret and URL and the mail settings in the environment.
 */
class ProductionRealmIT {

    /** The import builds Keycloak for the production profile on its first run (about a minute), then imports. */
    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(10);

    private static final Map<String, String> OPERATOR_ENVIRONMENT = Map.of(
            "IIP_GATEWAY_URL", "https://registry.iip.example",
            "IIP_GATEWAY_CLIENT_SECRET", "secret-from-the-environment",
            "IIP_SMTP_HOST", "smtp.iip.example",
            "IIP_SMTP_FROM", "no-reply@iip.example",
            "IIP_SMTP_USER", "registry-mailer",
            "IIP_SMTP_PASSWORD", "mail-password");

    private final Settings settings = Settings.fromSystemProperties();
    private final Path home = Path.of(System.getProperty("keycloak.import.home", "target/keycloak-import")).toAbsolutePath();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void holdsNoUsersAndNoPasswordGrants() throws IOException {
        JsonNode realm = json.readTree(Files.readString(settings.productionRealm()));

        assertThat(realm.path("users").isMissingNode()).isTrue();
        assertThat(clients(realm)).extracting(client -> client.path("clientId").asString()).doesNotContain("iip-cli");
        assertThat(clients(realm)).allSatisfy(client ->
                assertThat(client.path("directAccessGrantsEnabled").asBoolean(false)).as(client.path("clientId").asString()).isFalse());
        assertThat(realm.path("sslRequired").asString()).isEqualTo("external");
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
    }

    @Test
    void importsOfflineWithTheGatewaySettingsFromTheEnvironment(@TempDir Path work) throws Exception {
        Path export = work.resolve("iip-exported.json");
        deleteRecursively(home.resolve("data"));

        run("import", "--file", settings.productionRealm().toString());
        run("export", "--realm", "iip", "--file", export.toString());

        JsonNode realm = json.readTree(Files.readString(export));
        assertThat(realm.path("users")).isEmpty();
        assertThat(clients(realm)).allSatisfy(client ->
                assertThat(client.path("directAccessGrantsEnabled").asBoolean(false)).as(client.path("clientId").asString()).isFalse());
        JsonNode gateway = client(realm, "iip-gateway");
        assertThat(gateway.path("secret").asString()).isEqualTo("secret-from-the-environment");
        assertThat(gateway.path("redirectUris")).extracting(JsonNode::asString).containsExactly("https://registry.iip.example/*");
        assertThat(gateway.path("protocolMappers")).extracting(mapper -> mapper.path("name").asString())
                .contains(Roles.CREDIT_CODE_CLAIM, Roles.ENTERPRISE_NAME_CLAIM, "iip-api audience");
        assertThat(realm.path("smtpServer").path("host").asString()).isEqualTo("smtp.iip.example");
        assertThat(realm.path("smtpServer").path("port").asString()).isEqualTo("587");
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("roles").path("realm")).extracting(role -> role.path("name").asString())
                .contains(Roles.ENTERPRISE, Roles.REVIEWER, Roles.ADMIN);
    }

    /** Runs kc.sh from the import home; fails with its output unless it ends with 0 in time. */
    private void run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString()));
        command.addAll(List.of(arguments));
        Path log = settings.logs().resolve("kc-" + arguments[0] + ".log");
        Files.createDirectories(settings.logs());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m");
        builder.environment().putAll(OPERATOR_ENVIRONMENT);
        Instant began = Instant.now();
        Process process = builder.start();
        try {
            boolean ended = process.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(ended).as("kc.sh %s ended within %s; see %s", arguments[0], COMMAND_LIMIT, log).isTrue();
            assertThat(process.exitValue()).as("kc.sh %s exit code; output:%n%s", arguments[0], Files.readString(log)).isZero();
            System.out.printf("kc.sh %s took %.1f s%n", arguments[0], Duration.between(began, Instant.now()).toMillis() / 1000.0);
        }
        finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static List<JsonNode> clients(JsonNode realm) {
        List<JsonNode> clients = new ArrayList<>();
        realm.path("clients").forEach(clients::add);
        return clients;
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        return clients(realm).stream().filter(client -> client.path("clientId").asString().equals(clientId))
                .findFirst().orElseThrow(() -> new AssertionError("no client " + clientId));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
