package cn.beijing.iip.registry.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The one-host compose file: valid for docker-compose 1.29 (the Debian one), and, as
 * docker-compose resolves it with the example env file, a system that starts in order, keeps its
 * store a majority-writing replica set and takes its secrets from the env file only.
 */
class ComposeFileTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> ONE_SHOT_RESTARTS = Set.of("no");
    private static JsonNode services;

    @BeforeAll
    static void resolveTheComposeFile() {
        Command config = compose(RepoPaths.COMPOSE_FILE, RepoPaths.COMPOSE_EXAMPLE_ENV, "config");
        assertThat(config.exitCode()).as(config.stderr()).isZero();
        services = YAML.readTree(config.stdout()).path("services");
    }

    @Test
    void validatesWithTheExampleEnvFile() {
        Command check = compose(RepoPaths.COMPOSE_FILE, RepoPaths.COMPOSE_EXAMPLE_ENV, "config", "-q");
        assertThat(check.exitCode()).as(check.stderr()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown condition", "missing service", "unknown key"})
    void validationFailsOnABrokenCopy(String breakage) throws IOException {
        String original = Files.readString(RepoPaths.COMPOSE_FILE);
        String broken = switch (breakage) {
            case "unknown condition" -> original.replace("condition: service_completed_successfully", "condition: service_finished");
            case "missing service" -> original.replace("      keycloak:\n        condition: service_healthy",
                    "      keycloack:\n        condition: service_healthy");
            case "unknown key" -> original.replace("    mem_limit: 1g", "    memory_limit: 1g");
            default -> throw new IllegalArgumentException(breakage);
        };
        assertThat(broken).as("the mutation applies").isNotEqualTo(original);
        Files.createDirectories(RepoPaths.SCRATCH);
        Path intact = Files.writeString(RepoPaths.SCRATCH.resolve("intact-compose.yml"), original);
        Path copy = Files.writeString(RepoPaths.SCRATCH.resolve("broken-compose.yml"), broken);

        assertThat(compose(intact, RepoPaths.COMPOSE_EXAMPLE_ENV, "config", "-q").exitCode())
                .as("the unbroken copy, validated the same way").isZero();
        Command check = compose(copy, RepoPaths.COMPOSE_EXAMPLE_ENV, "config", "-q");
        assertThat(check.exitCode()).as("docker-compose config -q on a copy with a " + breakage).isNotZero();
    }

    @Test
    void refusesToStartWithoutTheSecrets() throws IOException {
        Files.createDirectories(RepoPaths.SCRATCH);
        Path empty = Files.writeString(RepoPaths.SCRATCH.resolve("empty.env"), "");
        Command check = compose(RepoPaths.COMPOSE_FILE, empty, "config", "-q");
        assertThat(check.exitCode()).isNotZero();
        assertThat(check.stderr()).contains("in .env");
    }

    @Test
    void buildsEveryAppFromTheRepositoryDockerfileOnItsContractPort() {
        for (String app : Apps.ALL) {
            JsonNode service = services.path(app);
            assertThat(Path.of(service.path("build").path("context").asString())).as(app).isEqualTo(RepoPaths.ROOT);
            assertThat(service.path("build").path("dockerfile").asString()).as(app).isEqualTo("Dockerfile");
            assertThat(service.path("build").path("args").path("APP").asString()).as(app).isEqualTo(app);
            String port = String.valueOf(Apps.port(app));
            assertThat(service.path("build").path("args").path("PORT").asString()).as(app).isEqualTo(port);
            assertThat(service.path("environment").path("IIP_PORT").asString()).as(app).isEqualTo(port);
            assertThat(service.path("healthcheck").path("disable").asBoolean(false))
                    .as(app + " keeps the Dockerfile's HEALTHCHECK").isFalse();
            assertThat(service.path("read_only").asBoolean(false)).as(app + " read-only root").isTrue();
            assertThat(service.path("mem_limit").asString()).as(app + " memory limit the JVM sizes itself by").isNotEmpty();
        }
    }

    @Test
    void givesEveryLongRunningServiceAHealthcheck() {
        for (var entry : services.properties()) {
            JsonNode service = entry.getValue();
            boolean oneShot = ONE_SHOT_RESTARTS.contains(service.path("restart").asString(""));
            if (oneShot || Apps.ALL.contains(entry.getKey())) {
                continue;
            }
            assertThat(service.path("healthcheck").path("test").isArray()).as(entry.getKey() + " healthcheck").isTrue();
            assertThat(service.path("healthcheck").path("test").size()).as(entry.getKey()).isGreaterThan(1);
        }
    }

    @Test
    void startsEachServiceOnlyOnceWhatItNeedsIsHealthyOrDone() {
        for (var entry : services.properties()) {
            for (var dependency : entry.getValue().path("depends_on").properties()) {
                JsonNode target = services.path(dependency.getKey());
                assertThat(target.isMissingNode()).as(entry.getKey() + " depends on " + dependency.getKey()).isFalse();
                boolean oneShot = ONE_SHOT_RESTARTS.contains(target.path("restart").asString(""));
                assertThat(dependency.getValue().path("condition").asString())
                        .as(entry.getKey() + " waits for " + dependency.getKey())
                        .isEqualTo(oneShot ? "service_completed_successfully" : "service_healthy");
            }
        }
        for (String service : Apps.SERVICES) {
            assertThat(services.path(service).path("depends_on").path("mongo-init").path("condition").asString())
                    .as(service).isEqualTo("service_completed_successfully");
        }
        for (String service : Apps.SERVICES) {
            assertThat(services.path(Apps.GATEWAY).path("depends_on").has(service)).as("gateway waits for " + service).isTrue();
        }
    }

    @Test
    void runsTheStoreAsAThreeMemberReplicaSetThatTheInitJobInitiates() {
        List<String> members = new ArrayList<>();
        String replicaSet = null;
        for (var entry : services.properties()) {
            String command = commandLine(entry.getValue());
            if (command.startsWith("mongod ")) {
                members.add(entry.getKey());
                Matcher flag = Pattern.compile("--replSet (\\S+)").matcher(command);
                assertThat(flag.find()).as(entry.getKey() + ": " + command).isTrue();
                assertThat(replicaSet == null || replicaSet.equals(flag.group(1))).as("one replica set").isTrue();
                replicaSet = flag.group(1);
                assertThat(command).as(entry.getKey() + " authenticates members").contains("--keyFile ");
                assertThat(entry.getValue().path("ports").isMissingNode()).as(entry.getKey() + " is not published").isTrue();
            }
        }
        assertThat(members).hasSize(3);
        JsonNode init = services.path("mongo-init");
        assertThat(init.path("environment").path("MONGO_REPLICA_SET").asString()).isEqualTo(replicaSet);
        assertThat(init.path("environment").path("MONGO_MEMBERS").asString())
                .isEqualTo(String.join(",", members.stream().map(m -> m + ":27017").toList()));
        assertThat(init.path("depends_on").propertyNames()).containsExactlyInAnyOrderElementsOf(members);
        assertThat(volumeSources(init)).contains(RepoPaths.KUBERNETES.resolve("base/mongo/init-replica-set.js"));
    }

    @Test
    void pointsEveryServiceAtAllMembersWithMajorityWrites() {
        List<String> members = new ArrayList<>();
        for (var entry : services.properties()) {
            if (commandLine(entry.getValue()).startsWith("mongod ")) {
                members.add(entry.getKey() + ":27017");
            }
        }
        String replicaSet = services.path("mongo-init").path("environment").path("MONGO_REPLICA_SET").asString();
        for (String service : Apps.SERVICES) {
            String uri = services.path(service).path("environment").path("IIP_STORE_URI").asString();
            assertThat(KubernetesManifestsTest.queryOf(uri)).as(service)
                    .containsEntry("replicaSet", replicaSet).containsEntry("w", "majority");
            assertThat(KubernetesManifestsTest.hostsOf(uri)).as(service).containsExactlyInAnyOrderElementsOf(members);
        }
    }

    @Test
    void runsKeycloakInProductionModeWithTheProductionRealmOnPostgres() {
        JsonNode keycloak = services.path("keycloak");
        String command = commandLine(keycloak);
        assertThat(List.of(command.split(" "))).contains("start", "--import-realm").doesNotContain("start-dev");
        assertThat(volumeTargets(keycloak))
                .containsEntry(RepoPaths.DEPLOY.resolve("keycloak/iip-realm-prod.json"), "/opt/keycloak/data/import/iip-realm.json");
        assertThat(keycloak.path("environment").path("KC_DB").asString()).isEqualTo("postgres");
        String database = keycloak.path("environment").path("KC_DB_URL").asString();
        assertThat(database).startsWith("jdbc:postgresql://keycloak-db:");
        assertThat(services.path("keycloak-db").path("image").asString()).startsWith("postgres:");
        assertThat(keycloak.path("depends_on").path("keycloak-db").path("condition").asString()).isEqualTo("service_healthy");
        String issuer = keycloak.path("environment").path("KC_HOSTNAME").asString() + "/realms/iip";
        for (String app : Apps.ALL) {
            assertThat(services.path(app).path("environment").path("IIP_ISSUER_URI").asString()).as(app).isEqualTo(issuer);
            assertThat(services.path(app).path("environment").path("IIP_JWK_SET_URI").asString()).as(app)
                    .isEqualTo("http://keycloak:8080/realms/iip/protocol/openid-connect/certs");
        }
    }

    @Test
    void monitorsWithTheProjectsPrometheusAndGrafanaFiles() {
        Map<Path, String> prometheus = volumeTargets(services.path("prometheus"));
        assertThat(prometheus)
                .containsEntry(RepoPaths.DEPLOY.resolve("prometheus/prometheus-compose.yml"), "/etc/prometheus/prometheus.yml")
                .containsEntry(RepoPaths.DEPLOY.resolve("prometheus/rules"), "/etc/prometheus/rules");
        assertThat(commandLine(services.path("prometheus"))).contains("--config.file=/etc/prometheus/prometheus.yml");
        Map<Path, String> grafana = volumeTargets(services.path("grafana"));
        assertThat(grafana)
                .containsEntry(RepoPaths.DEPLOY.resolve("grafana/provisioning"), "/etc/grafana/provisioning")
                .containsEntry(RepoPaths.DEPLOY.resolve("grafana/dashboards"), dashboardsPathOfTheProvisioning());
        for (Path source : List.of(RepoPaths.DEPLOY.resolve("prometheus"), RepoPaths.DEPLOY.resolve("grafana"))) {
            if (Files.isDirectory(source)) {
                (source.endsWith("prometheus") ? prometheus : grafana).keySet()
                        .forEach(p -> assertThat(p).as("mounted from the repository").exists());
            }
        }
    }

    /** Where Grafana's dashboard provider reads from: the compose mount must put the dashboards there. */
    private static String dashboardsPathOfTheProvisioning() {
        try {
            for (String line : Files.readAllLines(RepoPaths.DEPLOY.resolve("grafana/provisioning/dashboards/iip-registry.yml"))) {
                if (line.strip().startsWith("path:")) {
                    return line.strip().substring("path:".length()).strip();
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("the dashboard provisioning names no path");
    }

    @Test
    void publishesOnlyTheGatewayAndKeycloakBeyondThisHost() {
        Map<String, List<String>> published = new LinkedHashMap<>();
        for (var entry : services.properties()) {
            for (JsonNode port : entry.getValue().path("ports")) {
                // docker-compose prints a port bound to an address in the short form host:published:target.
                String[] parts = port.isString() ? port.asString().replaceFirst("/tcp$", "").split(":") : null;
                String hostIp = parts == null ? port.path("host_ip").asString("") : parts.length == 3 ? parts[0] : "";
                String number = parts == null ? port.path("published").asString()
                        : parts.length >= 2 ? parts[parts.length - 2] : "ephemeral";
                if (!hostIp.equals("127.0.0.1")) {
                    published.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(number);
                }
            }
        }
        assertThat(published).isEqualTo(Map.of("gateway", List.of("8080"), "keycloak", List.of("8180")));
    }

    @Test
    void takesEverySecretFromTheEnvFile() throws IOException {
        Pattern secretSetting = Pattern.compile("^\\s+([A-Z_]*(PASSWORD|SECRET|_KEY)[A-Z_]*):\\s*(.*)$");
        List<String> lines = Files.readAllLines(RepoPaths.COMPOSE_FILE);
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            Matcher m = secretSetting.matcher(line);
            if (m.matches()) {
                found.add(m.group(1));
                assertThat(m.group(3)).as(m.group(1) + " comes from .env").matches("\\$\\{[A-Z_]+(:\\?[^}]*)?}");
            }
        }
        assertThat(found).as("secret settings in the compose file").isNotEmpty();
        assertThat(services.path("mongo-0").path("environment").path("MONGO_INITDB_ROOT_PASSWORD").asString())
                .as("resolved from example.env").isEqualTo(exampleEnv().getProperty("MONGO_ROOT_PASSWORD"));
        exampleEnv().forEach((key, value) -> {
            if (key.toString().matches(".*_(PASSWORD|KEY)")) {
                assertThat(value.toString()).as("example.env " + key + " is a placeholder").containsIgnoringCase("replace");
            }
        });
        assertThat(Files.readAllLines(RepoPaths.COMPOSE_DIR.resolve(".gitignore"))).contains(".env");
    }

    private static Properties exampleEnv() {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(RepoPaths.COMPOSE_EXAMPLE_ENV)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return properties;
    }

    private static String commandLine(JsonNode service) {
        List<String> parts = new ArrayList<>();
        JsonNode command = service.path("command");
        if (command.isArray()) {
            command.forEach(c -> parts.add(c.asString()));
        } else if (!command.isMissingNode()) {
            parts.add(command.asString());
        }
        return String.join(" ", parts);
    }

    private static List<Path> volumeSources(JsonNode service) {
        return List.copyOf(volumeTargets(service).keySet());
    }

    /** Bind mounts, source (as docker-compose resolved it) to target. */
    private static Map<Path, String> volumeTargets(JsonNode service) {
        Map<Path, String> mounts = new LinkedHashMap<>();
        for (JsonNode volume : service.path("volumes")) {
            if (volume.path("type").asString().equals("bind")) {
                mounts.put(Path.of(volume.path("source").asString()), volume.path("target").asString());
            } else if (volume.isString() && volume.asString().startsWith("/")) {
                String[] parts = volume.asString().split(":");
                mounts.put(Path.of(parts[0]), parts[1]);
            }
        }
        return mounts;
    }

    static Command compose(Path file, Path envFile, String... arguments) {
        assertThat(Command.onPath("docker-compose"))
                .as("docker-compose is needed for these checks: apt-get install docker-compose (./test.sh installs it)")
                .isTrue();
        List<String> command = new ArrayList<>(List.of("docker-compose", "--project-directory", RepoPaths.COMPOSE_DIR.toString(),
                "--env-file", envFile.toString(), "-f", file.toString()));
        command.addAll(List.of(arguments));
        // Only the env file may supply values: a variable set in the developer's shell would hide a missing one.
        return Command.run(command, RepoPaths.COMPOSE_DIR, environment -> environment.keySet()
                .removeIf(name -> name.startsWith("IIP_") || name.startsWith("MONGO_") || name.startsWith("KEYCLOAK_")
                        || name.startsWith("GRAFANA_") || name.startsWith("COMPOSE_")));
    }
}
