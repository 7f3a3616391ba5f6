package cn.beijing.iip.registry.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class GrafanaProvisioningTest {

    /** The uid of the one provisioned Prometheus datasource. */
    static String datasourceUid() {
        List<JsonNode> datasources = OperatorFiles.yamlFiles(OperatorFiles.grafana().resolve("provisioning/datasources"))
                .stream().flatMap(file -> OperatorFiles.yaml(file).path("datasources").values().stream())
                .filter(datasource -> datasource.path("type").asString().equals("prometheus")).toList();
        assertThat(datasources).hasSize(1);
        return datasources.getFirst().path("uid").asString();
    }

    @Test
    void provisionsOnePrometheusDatasourceUnderAFixedUid() {
        assertThat(datasourceUid()).isEqualTo("iip-prometheus");
    }

    @Test
    void datasourceFileUsesGrafanasProvisioningFormat() {
        for (Path file : OperatorFiles.yamlFiles(OperatorFiles.grafana().resolve("provisioning/datasources"))) {
            JsonNode provisioning = OperatorFiles.yaml(file);
            assertThat(provisioning.path("apiVersion").asInt()).as(file.toString()).isEqualTo(1);
            assertThat(provisioning.path("datasources").values()).allSatisfy(datasource -> {
                assertThat(datasource.path("name").asString()).isNotBlank();
                assertThat(datasource.path("access").asString()).isEqualTo("proxy");
                assertThat(datasource.path("url").asString()).startsWith("http");
            });
        }
    }

    @Test
    void dashboardProviderReadsDashboardFilesFromAFolder() {
        List<Path> files = OperatorFiles.yamlFiles(OperatorFiles.grafana().resolve("provisioning/dashboards"));

        assertThat(files).isNotEmpty().allSatisfy(file -> {
            JsonNode provisioning = OperatorFiles.yaml(file);
            assertThat(provisioning.path("apiVersion").asInt()).isEqualTo(1);
            assertThat(provisioning.path("providers").values()).isNotEmpty().allSatisfy(provider -> {
                assertThat(provider.path("type").asString()).isEqualTo("file");
                assertThat(provider.path("options").path("path").asString()).startsWith("/");
            });
        });
        assertThat(Files.isRegularFile(OperatorFiles.dashboard())).isTrue();
    }
}
