package cn.beijing.iip.registry.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.node.ObjectNode;

/** The in-test renderer does what kustomize does for the features it models, and refuses the rest. */
class KustomizerTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              template:
                spec:
                  containers:
                    - name: web
                      image: iip/web:1.0
                      env:
                        - name: A
                          value: "1"
                        - name: B
                          value: "2"
                    - name: sidecar
                      image: proxy:2
                      args: ["--one", "--two"]
            """;

    @TempDir
    Path dir;

    @Test
    void mergesNamedListItemsAndReplacesListsWithoutAMergeKey() throws IOException {
        write("base/kustomization.yaml", "resources: [web.yaml]\n");
        write("base/web.yaml", DEPLOYMENT);
        write("overlay/kustomization.yaml", "resources: [../base]\npatches:\n  - path: patch.yaml\n");
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          env:
                            - name: B
                              value: "20"
                            - name: C
                              value: "3"
                        - name: sidecar
                          args: ["--three"]
                """);
        ObjectNode web = Kustomizer.build(dir.resolve("overlay")).getFirst();
        var containers = web.path("spec").path("template").path("spec").path("containers");
        assertThat(containers.size()).isEqualTo(2);
        assertThat(containers.path(0).path("image").asString()).isEqualTo("iip/web:1.0");
        assertThat(containers.path(0).path("env").toString())
                .isEqualTo("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"20\"},{\"name\":\"C\",\"value\":\"3\"}]");
        assertThat(containers.path(1).path("args").toString()).isEqualTo("[\"--three\"]");
    }

    @Test
    void setsNamespaceImagesAndReplicasByName() throws IOException {
        write("kustomization.yaml", """
                namespace: team
                resources: [web.yaml]
                images:
                  - name: iip/web
                    newName: registry.example/iip/web
                    newTag: "2.0"
                replicas:
                  - name: web
                    count: 5
                """);
        write("web.yaml", DEPLOYMENT);
        ObjectNode web = Kustomizer.build(dir).getFirst();
        assertThat(web.path("metadata").path("namespace").asString()).isEqualTo("team");
        assertThat(web.path("spec").path("replicas").asInt()).isEqualTo(5);
        var containers = web.path("spec").path("template").path("spec").path("containers");
        assertThat(containers.path(0).path("image").asString()).isEqualTo("registry.example/iip/web:2.0");
        assertThat(containers.path(1).path("image").asString()).as("other images untouched").isEqualTo("proxy:2");
    }

    @Test
    void generatesSecretsAndReplacesGeneratedConfigMaps() throws IOException {
        write("base/kustomization.yaml", """
                configMapGenerator:
                  - name: realm
                    files: [realm.json=files/prod.json]
                """);
        write("base/files/prod.json", "{\"prod\":true}");
        write("overlay/kustomization.yaml", """
                resources: [../base]
                configMapGenerator:
                  - name: realm
                    behavior: replace
                    files: [realm.json=dev.json]
                secretGenerator:
                  - name: credentials
                    envs: [credentials.env]
                """);
        write("overlay/dev.json", "{\"dev\":true}");
        write("overlay/credentials.env", "# comment\nPASSWORD=s3cret\n\n");
        List<ObjectNode> resources = Kustomizer.build(dir.resolve("overlay"));
        assertThat(resources).hasSize(2);
        assertThat(resources.get(0).path("data").toString()).isEqualTo("{\"realm.json\":\"{\\\"dev\\\":true}\"}");
        assertThat(resources.get(1).path("kind").asString()).isEqualTo("Secret");
        assertThat(resources.get(1).path("data").path("PASSWORD").asString()).isEqualTo("czNjcmV0");
    }

    @Test
    void refusesAPatchOfAResourceThatDoesNotExist() throws IOException {
        write("kustomization.yaml", "resources: [web.yaml]\npatches:\n  - path: patch.yaml\n");
        write("web.yaml", DEPLOYMENT);
        write("patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: webb\nspec:\n  replicas: 1\n");
        assertThatThrownBy(() -> Kustomizer.build(dir)).hasMessageContaining("Deployment webb, which does not exist");
    }

    @Test
    void refusesAResourceThatDoesNotExist() throws IOException {
        write("kustomization.yaml", "resources: [web.yaml, missing.yaml]\n");
        write("web.yaml", DEPLOYMENT);
        assertThatThrownBy(() -> Kustomizer.build(dir)).hasMessageContaining("missing.yaml does not exist");
    }

    @Test
    void refusesKustomizationFieldsItDoesNotModel() throws IOException {
        write("kustomization.yaml", "resources: [web.yaml]\nnamePrefix: staging-\n");
        write("web.yaml", DEPLOYMENT);
        assertThatThrownBy(() -> Kustomizer.build(dir)).hasMessageContaining("'namePrefix' is not modelled");
    }

    private void write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
