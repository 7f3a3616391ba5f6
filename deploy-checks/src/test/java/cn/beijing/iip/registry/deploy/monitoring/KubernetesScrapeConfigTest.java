package cn.beijing.iip.registry.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Kubernetes config discovers pods, which neither promtool nor Prometheus can do here (Debian
 * builds them without Kubernetes discovery, and there is no cluster). So the pods' discovery
 * labels are handed to a real Prometheus as static targets, and the config's relabelling is read
 * back from its targets API: which pods are scraped, at which address and path, under which job.
 */
class KubernetesScrapeConfigTest {

    private static final Path CONFIG = OperatorFiles.prometheus().resolve("prometheus-kubernetes.yml");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;

    private Process prometheus;

    @AfterEach
    void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor();
        }
    }

    @Test
    void discoversPodsAndLoadsTheRulesWhereKubernetesMountsThem() {
        JsonNode config = OperatorFiles.yaml(CONFIG);

        assertThat(config.path("rule_files").values()).extracting(JsonNode::asString)
                .containsExactly("/etc/prometheus/rules/*.yml");
        assertThat(config.path("scrape_configs").values()).singleElement().satisfies(job -> {
            assertThat(job.path("kubernetes_sd_configs").values()).singleElement()
                    .satisfies(sd -> assertThat(sd.path("role").asString()).isEqualTo("pod"));
            assertThat(job.has("static_configs")).isFalse();
        });
    }

    @Test
    void copyIsValidOnceDiscoveryIsReplacedByTheSamePodsAsStaticTargets() {
        Path copy = writeCopyWithPods(Map.of());

        Promtool.Result result = Promtool.run(temp, "check", "config", copy.toString());

        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS: " + OperatorFiles.ruleFiles().size() + " rule files found");
    }

    @Test
    void scrapesAnnotatedRunningPodsUnderTheirAppNameAtTheAnnotatedPortAndPath() throws Exception {
        int registryPort = freePort();
        int gatewayPort = freePort();
        Path copy = writeCopyWithPods(Map.of(
                // container port 8081, metrics on the annotated port and path
                "127.0.0.1:8081", pod("platform-registry-7d9f", "platform-registry", "Running", "true",
                        String.valueOf(registryPort), "/actuator/prometheus"),
                // no container port declared and no path annotation: the apps' own path is the default
                "127.0.0.1", pod("gateway-5c4b", "gateway", "Running", "true", String.valueOf(gatewayPort), null),
                // the store asks not to be scraped
                "127.0.0.1:27017", pod("store-0", "store", "Running", null, null, null),
                // a pod still starting has nothing to scrape yet
                "127.0.0.1:8083", pod("security-products-a1b2", "security-products", "Pending", "true", "8083",
                        "/actuator/prometheus")));

        JsonNode targets = startPrometheusAndReadTargets(copy, 4);

        Map<String, String> scraped = new TreeMap<>();
        for (JsonNode target : targets.path("activeTargets")) {
            JsonNode labels = target.path("labels");
            assertThat(labels.path("namespace").asString()).isEqualTo("iip");
            scraped.put(labels.path("job").asString() + " " + labels.path("pod").asString(),
                    target.path("scrapeUrl").asString());
        }
        assertThat(scraped).containsExactlyInAnyOrderEntriesOf(Map.of(
                "platform-registry platform-registry-7d9f", "http://127.0.0.1:" + registryPort + "/actuator/prometheus",
                "gateway gateway-5c4b", "http://127.0.0.1:" + gatewayPort + "/actuator/prometheus"));
        List<String> dropped = targets.path("droppedTargets").values().stream()
                .map(target -> target.path("discoveredLabels").path("__meta_kubernetes_pod_name").asString()).toList();
        assertThat(dropped).containsExactlyInAnyOrder("store-0", "security-products-a1b2");
    }

    private static Map<String, String> pod(String name, String app, String phase, String scrape, String port,
            String path) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("__meta_kubernetes_namespace", "iip");
        labels.put("__meta_kubernetes_pod_name", name);
        labels.put("__meta_kubernetes_pod_phase", phase);
        labels.put("__meta_kubernetes_pod_label_app_kubernetes_io_name", app);
        if (scrape != null) {
            labels.put("__meta_kubernetes_pod_annotation_prometheus_io_scrape", scrape);
        }
        if (port != null) {
            labels.put("__meta_kubernetes_pod_annotation_prometheus_io_port", port);
        }
        if (path != null) {
            labels.put("__meta_kubernetes_pod_annotation_prometheus_io_path", path);
        }
        return labels;
    }

    /** The config with its pod discovery replaced by static targets (address -> discovery labels). */
    private Path writeCopyWithPods(Map<String, Map<String, String>> pods) {
        ObjectNode config = (ObjectNode) OperatorFiles.yaml(CONFIG);
        ArrayNode rules = config.putArray("rule_files");
        rules.add(OperatorFiles.prometheus().resolve("rules") + "/*.yml");
        ObjectNode job = (ObjectNode) config.path("scrape_configs").get(0);
        job.remove("kubernetes_sd_configs");
        ArrayNode staticConfigs = job.putArray("static_configs");
        if (pods.isEmpty()) {
            staticConfigs.addObject().putArray("targets").add("127.0.0.1:1");
        }
        pods.forEach((address, labels) -> {
            ObjectNode staticConfig = staticConfigs.addObject();
            staticConfig.putArray("targets").add(address);
            ObjectNode labelNode = staticConfig.putObject("labels");
            labels.forEach(labelNode::put);
        });
        Path copy = temp.resolve("prometheus-kubernetes.yml");
        OperatorFiles.write(copy, OperatorFiles.YAML.writeValueAsString(config));
        return copy;
    }

    /** Prometheus's targets once it has relabelled all the given number of discovered pods. */
    private JsonNode startPrometheusAndReadTargets(Path config, int pods) throws Exception {
        int port = freePort();
        prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + temp.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn").redirectErrorStream(true).redirectOutput(temp.resolve("prometheus.log").toFile())
                .start();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/targets?state=any");
        // Prometheus starts in well under a second here; the deadline only keeps a broken start from hanging
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline) && prometheus.isAlive()) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    last = OperatorFiles.JSON.readTree(response.body()).path("data");
                    if (last.path("activeTargets").size() + last.path("droppedTargets").size() >= pods) {
                        return last;
                    }
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Prometheus did not report the " + pods + " pods as targets; last answer: " + last
                + "\n" + OperatorFiles.read(temp.resolve("prometheus.log")));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
