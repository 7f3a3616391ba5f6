package cn.beijing.iip.registry.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

class PrometheusConfigTest {

    /** The contract's ports of the local run. */
    private static final Map<String, Integer> PORTS = Map.of("gateway", 8080, "platform-registry", 8081,
            "solution-providers", 8082, "security-products", 8083);

    @Test
    void localConfigIsValidAndLoadsEveryRuleFile() {
        Promtool.Result result = Promtool.run(OperatorFiles.prometheus(), "check", "config", "prometheus.yml");

        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertLoadsEveryRuleFile(result);
    }

    @Test
    void composeConfigIsValidWithTheRulesWhereComposeMountsThem(@TempDir Path temp) {
        String config = OperatorFiles.read(OperatorFiles.prometheus().resolve("prometheus-compose.yml"));
        assertThat(config).contains("/etc/prometheus/rules/*.yml");
        // promtool resolves the glob on this machine: point it at the files compose mounts there
        Path copy = temp.resolve("prometheus-compose.yml");
        OperatorFiles.write(copy, config.replace("/etc/prometheus/rules/", OperatorFiles.prometheus() + "/rules/"));

        Promtool.Result result = Promtool.run(temp, "check", "config", copy.toString());

        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertLoadsEveryRuleFile(result);
    }

    @Test
    void localConfigScrapesEachAppOnItsOwnPortEveryFewSeconds() {
        JsonNode config = OperatorFiles.yaml(OperatorFiles.prometheus().resolve("prometheus.yml"));

        assertThat(scrapedTargets(config)).isEqualTo(expectedTargets("localhost"));
        assertThat(config.path("global").path("scrape_interval").asString()).isEqualTo("5s");
    }

    @Test
    void composeConfigScrapesEachAppByItsServiceName() {
        JsonNode config = OperatorFiles.yaml(OperatorFiles.prometheus().resolve("prometheus-compose.yml"));

        assertThat(scrapedTargets(config)).isEqualTo(expectedTargets(null));
    }

    private static Map<String, String> expectedTargets(String host) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String app : MetricCatalogue.applications()) {
            expected.put(app, (host == null ? app : host) + ":" + PORTS.get(app) + "/actuator/prometheus");
        }
        return expected;
    }

    /** job -> host:port/path of its single static target. */
    private static Map<String, String> scrapedTargets(JsonNode config) {
        Map<String, String> targets = new java.util.TreeMap<>();
        for (JsonNode job : config.path("scrape_configs")) {
            List<String> addresses = job.path("static_configs").values().stream()
                    .flatMap(staticConfig -> staticConfig.path("targets").values().stream()).map(JsonNode::asString)
                    .toList();
            assertThat(addresses).as(job.path("job_name").asString()).hasSize(1);
            targets.put(job.path("job_name").asString(),
                    addresses.getFirst() + job.path("metrics_path").asString("/metrics"));
        }
        return targets;
    }

    private static void assertLoadsEveryRuleFile(Promtool.Result result) {
        assertThat(result.output()).contains("SUCCESS: " + OperatorFiles.ruleFiles().size() + " rule files found");
        for (Path rules : OperatorFiles.ruleFiles()) {
            assertThat(result.output()).contains(rules.getFileName().toString());
        }
    }
}
