package cn.beijing.iip.registry.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's {@code prometheus} (package {@code prometheus}, which ./test.sh installs) as its own process on
 * a free loopback port, with the given config and a storage directory of its own, and a client of its
 * HTTP API. Its log goes beside the apps' logs, so that a failed run can be read afterwards.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final Path log;
    private final ChildProcess process;

    private PrometheusServer(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        // whatever happens to the test JVM, Prometheus never outlives it
        this.process = new ChildProcess(process, "prometheus-" + port);
    }

    /** Writes {@code config} into {@code directory}, keeps its data there too, and waits until it is ready. */
    public static PrometheusServer start(String config, Path directory, Duration limit) {
        int port = AppProcess.freePort();
        Path log = Paths.logs().resolve("prometheus-" + port + ".log");
        try {
            Files.createDirectories(log.getParent());
            Path configFile = directory.resolve("prometheus.yml");
            Files.writeString(configFile, config);
            Process process = new ProcessBuilder("prometheus", "--config.file=" + configFile,
                    "--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            PrometheusServer server = new PrometheusServer(port, log, process);
            try {
                server.awaitReady(limit);
            } catch (RuntimeException e) {
                server.stop();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start prometheus: install Debian's prometheus package"
                    + " (./test.sh does it)", e);
        }
    }

    private void awaitReady(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus stopped while starting: " + logText());
            }
            try {
                HttpResponse<Void> ready = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            AppProcess.sleep(200);
        }
        throw new IllegalStateException("prometheus was not ready within " + limit + "; see " + log);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** The answer to an instant query now: its {@code resultType} (vector or scalar) and {@code result}. */
    public JsonNode query(String expression) {
        return data("/api/v1/query?query=" + encode(expression), expression);
    }

    /** The answer to a range query: a matrix {@code result}, one element per series with its {@code values}. */
    public JsonNode queryRange(String expression, Instant start, Instant end, Duration step) {
        return data("/api/v1/query_range?query=" + encode(expression) + "&start=" + seconds(start) + "&end="
                + seconds(end) + "&step=" + step.toMillis() / 1000.0, expression);
    }

    /** The active targets, each with its {@code labels}, {@code health} and {@code lastError}. */
    public JsonNode activeTargets() {
        return data("/api/v1/targets?state=active", "targets").path("activeTargets");
    }

    /** The rule groups as loaded, each rule with its {@code health}, {@code lastError} and, for alerts, {@code state}. */
    public JsonNode ruleGroups() {
        return data("/api/v1/rules", "rules").path("groups");
    }

    private JsonNode data(String pathAndQuery, String what) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(body.path("status").asString())) {
                throw new AssertionError("Prometheus refused " + what + ": " + response.statusCode() + " "
                        + body.path("errorType").asString() + ": " + body.path("error").asString());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException("Prometheus did not answer " + what + "; see " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A graceful stop (SIGTERM), so that it closes its storage; forced if it hangs. */
    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        stop();
    }

    private String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String seconds(Instant instant) {
        return String.valueOf(instant.toEpochMilli() / 1000.0);
    }
}
