package cn.beijing.iip.registry.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** What differs between the overlays, and that the overlays hang together with the base. */
class KubernetesOverlaysTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void rendersExactlyAsKustomizeDoes(String overlay) {
        assumeTrue(Renderings.kustomizeCommand().isPresent(),
                "no kustomize here (nor a kubectl with kustomize 4 or later): the in-test renderer stands alone");
        Map<String, ObjectNode> ours = byKindAndName(Renderings.java(overlay).documents());
        Map<String, ObjectNode> theirs = byKindAndName(Renderings.kustomize(overlay).documents());
        assertThat(ours.keySet()).isEqualTo(theirs.keySet());
        theirs.forEach((key, document) -> assertThat(ours.get(key)).as(key).isEqualTo(document));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void putsEverythingInTheOverlaysNamespaceUnderTheRestrictedPodSecurityStandard(String overlay) {
        Cluster cluster = Renderings.java(overlay).cluster();
        Namespace namespace = cluster.get(Namespace.class, cluster.namespace());
        assertThat(namespace.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        assertThat(cluster.resources()).filteredOn(r -> !(r instanceof Namespace))
                .allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).as(r.getKind() + " " + r.getMetadata().getName())
                        .isEqualTo(cluster.namespace()));
    }

    @Test
    void pinsProductionAppImagesToAReleaseInARegistry() {
        Cluster prod = Renderings.java("prod").cluster();
        for (String app : Apps.ALL) {
            String image = KubernetesManifestsTest.appContainer(prod, app).getImage();
            assertThat(image).as(app).matches("[a-z0-9.-]+\\.[a-z]+(:\\d+)?/.+/" + app + ":[0-9][0-9A-Za-z.+-]*")
                    .doesNotContain("SNAPSHOT").doesNotEndWith(":latest");
        }
    }

    @Test
    void keepsAtLeastTwoOfEveryAppAndOfKeycloakInProduction() {
        Cluster prod = Renderings.java("prod").cluster();
        for (String app : Apps.ALL) {
            assertThat(prod.get(Deployment.class, app).getSpec().getReplicas()).as(app).isGreaterThanOrEqualTo(2);
            assertThat(prod.get(HorizontalPodAutoscaler.class, app).getSpec().getMinReplicas()).as(app).isGreaterThanOrEqualTo(2);
        }
        assertThat(prod.get(Deployment.class, "keycloak").getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void loadsDemoDataInDevelopmentOnly() {
        assertThat(Renderings.java("prod").cluster().configMap("iip-config")).containsEntry("IIP_DEMO", "off");
        assertThat(Renderings.java("base").cluster().configMap("iip-config")).containsEntry("IIP_DEMO", "off");
        assertThat(Renderings.java("dev").cluster().configMap("iip-config")).containsEntry("IIP_DEMO", "load");
    }

    @Test
    void importsTheProductionRealmInProductionAndTheDevRealmInDevelopment() throws IOException {
        Path realms = RepoPaths.DEPLOY.resolve("keycloak");
        assumeTrue(Files.isDirectory(realms), "deploy/keycloak/ (the realm exports) is not in this checkout yet");
        assertThat(Renderings.java("prod").cluster().configMap("keycloak-realm"))
                .containsExactly(Map.entry("iip-realm.json", Files.readString(realms.resolve("iip-realm-prod.json"))));
        assertThat(Renderings.java("dev").cluster().configMap("keycloak-realm"))
                .containsExactly(Map.entry("iip-realm.json", Files.readString(realms.resolve("iip-realm.json"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void leavesNoFileOutOfItsKustomization(String directory) throws IOException {
        Path dir = RepoPaths.KUBERNETES.resolve(directory);
        JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        Set<Path> used = new HashSet<>();
        kustomization.path("resources").forEach(r -> used.add(dir.resolve(r.asString()).normalize()));
        kustomization.path("patches").forEach(p -> used.add(dir.resolve(p.path("path").asString()).normalize()));
        for (String generator : List.of("configMapGenerator", "secretGenerator")) {
            for (JsonNode g : kustomization.path(generator)) {
                g.path("envs").forEach(e -> used.add(dir.resolve(e.asString()).normalize()));
                for (JsonNode file : g.path("files")) {
                    String spec = file.asString();
                    used.add(dir.resolve(spec.substring(spec.indexOf('=') + 1)).normalize());
                }
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> unused = files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> !f.toString().endsWith(".example"))
                    .filter(f -> !isUntrackedSecret(dir, f))
                    .filter(f -> !used.contains(f.normalize()))
                    .toList();
            assertThat(unused).as("files in " + directory + " that its kustomization never uses").isEmpty();
        }
    }

    @Test
    void keepsProductionSecretsOutOfTheRepositoryAndShowsTheirShape() throws IOException {
        Path prod = RepoPaths.KUBERNETES.resolve("overlays/prod");
        Path dev = RepoPaths.KUBERNETES.resolve("overlays/dev");
        List<String> ignored = Files.readAllLines(prod.resolve(".gitignore"));
        JsonNode kustomization = YAML.readTree(prod.resolve("kustomization.yaml").toFile());
        for (JsonNode generator : kustomization.path("secretGenerator")) {
            for (JsonNode env : generator.path("envs")) {
                String file = env.asString();
                assertThat(ignored).as(".gitignore of prod").contains(file);
                Path example = prod.resolve(file + ".example");
                assertThat(example).exists();
                assertThat(keys(example)).as("%s.example has the keys of the dev overlay's %s", file, file)
                        .isEqualTo(keys(dev.resolve(file)));
                assertThat(values(example).values()).as(file + ".example holds placeholders only")
                        .allSatisfy(v -> assertThat(v).satisfiesAnyOf(
                                value -> assertThat(value).containsIgnoringCase("replace"),
                                value -> assertThat(value).isIn("root", "admin")));
            }
        }
    }

    @Test
    void givesEveryAppContainerTheSameImageNameAsItsModule() {
        Cluster base = Renderings.java("base").cluster();
        for (String app : Apps.ALL) {
            Container container = KubernetesManifestsTest.appContainer(base, app);
            assertThat(container.getImage()).isEqualTo("iip/" + app + ":1.0.0-SNAPSHOT");
            assertThat(RepoPaths.ROOT.resolve(app).resolve("pom.xml")).as("module " + app).exists();
        }
    }

    private static boolean isUntrackedSecret(Path dir, Path file) {
        Path ignore = dir.resolve(".gitignore");
        try {
            return Files.exists(ignore) && Files.readAllLines(ignore).contains(file.getFileName().toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> keys(Path envFile) throws IOException {
        return values(envFile).keySet();
    }

    private static Map<String, String> values(Path envFile) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(envFile)) {
            properties.load(reader);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        return values;
    }

    private static Map<String, ObjectNode> byKindAndName(List<ObjectNode> documents) {
        Map<String, ObjectNode> byKey = new LinkedHashMap<>();
        for (ObjectNode document : documents) {
            String key = document.path("kind").asString() + "/" + document.path("metadata").path("name").asString();
            assertThat(byKey.put(key, document)).as("duplicate " + key).isNull();
        }
        return byKey;
    }
}
