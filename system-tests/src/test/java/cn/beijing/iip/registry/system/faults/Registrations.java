package cn.beijing.iip.registry.system.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.problem.ProblemType;
import cn.beijing.iip.registry.system.support.SystemTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients that keep registering entries through a gateway, each create with an Idempotency-Key of its
 * own, recording every answer (or the lack of one) with when it was sent and how long it took.
 */
final class Registrations implements AutoCloseable {

    /** How long a client waits for an answer: far beyond the gateway's 2.5 s time limit, so only a hang reaches it. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);

    // a pause between calls keeps the clients from taking both cores from the processes under test;
    // after a 503 a client backs off a little, as Retry-After asks, instead of spinning on the fallback
    private static final Duration PACE = Duration.ofMillis(20);
    private static final Duration BACK_OFF = Duration.ofMillis(250);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final String kind;
    private final String token;
    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean running;

    /** One create: what was sent and what came back. {@code failure} is set when no answer came at all. */
    record Attempt(String key, String name, Instant sent, Duration took, int status, String type, String id,
            String failure) {

        boolean answered() {
            return failure == null;
        }

        boolean acknowledged() {
            return status == 201 || status == 200;
        }

        boolean is(int expectedStatus, ProblemType expectedType) {
            return status == expectedStatus && expectedType.slug().equals(type);
        }

        boolean sentBetween(Instant from, Instant to) {
            return !sent.isBefore(from) && sent.plus(took).isBefore(to);
        }

        /** {@code 201}, {@code 503 store-unavailable}, {@code no answer: HttpTimeoutException}. */
        String outcome() {
            if (failure != null) {
                return "no answer: " + failure;
            }
            return type == null ? String.valueOf(status) : status + " " + type;
        }
    }

    private Registrations(String base, String kind, String token) {
        this.base = base;
        this.kind = kind;
        this.token = token;
    }

    /** A client for single calls through the gateway at {@code base}. */
    static Registrations through(String base, String kind, String token) {
        return new Registrations(base, kind, token);
    }

    /** Starts {@code clients} threads that create entries named {@code <prefix> <client>-<n>} until {@link #stop()}. */
    Registrations start(String prefix, int clients) {
        running = true;
        for (int client = 1; client <= clients; client++) {
            String names = prefix + " " + client + "-";
            Thread thread = new Thread(() -> {
                for (int n = 1; running; n++) {
                    Attempt attempt = create(UUID.randomUUID().toString(), names + n);
                    attempts.add(attempt);
                    pause(attempt.status() == 503 ? BACK_OFF : PACE);
                }
            }, "registrations-" + client);
            thread.setDaemon(true);
            this.clients.add(thread);
            thread.start();
        }
        return this;
    }

    /** Stops the clients once their calls in flight are answered; returns every attempt they made. */
    List<Attempt> stop() {
        running = false;
        for (Thread client : clients) {
            try {
                client.join(CLIENT_TIMEOUT.plusSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(attempts);
    }

    long count(Predicate<Attempt> which) {
        return attempts.stream().filter(which).count();
    }

    /** A create with this key and a complete body of this name, as a client sends it (again). */
    Attempt create(String key, String name) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/" + kind))
                .timeout(CLIENT_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(Http.json(SystemTest.completeBody(kind, name))))
                .build();
        Instant sent = Instant.now();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String type = null;
            String id = null;
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (contentType.startsWith("application/problem+json")) {
                type = JSON.readTree(response.body()).path("type").asString().replace(ProblemType.URI_PREFIX, "");
            } else if (response.statusCode() == 200 || response.statusCode() == 201) {
                id = JSON.readTree(response.body()).path("id").asString();
            } else {
                type = "(not problem+json: " + contentType + ")";
            }
            return new Attempt(key, name, sent, took, response.statusCode(), type, id, null);
        } catch (IOException e) {
            return new Attempt(key, name, sent, Duration.ofNanos(System.nanoTime() - start), 0, null, null,
                    e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many attempts had each outcome, for the figures a test prints. */
    static Map<String, Long> outcomes(Collection<Attempt> attempts) {
        return attempts.stream().collect(Collectors.groupingBy(Attempt::outcome, TreeMap::new, Collectors.counting()));
    }

    static Duration slowest(Collection<Attempt> attempts) {
        return attempts.stream().map(Attempt::took).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    static String seconds(Duration duration) {
        return String.format("%.2f s", duration.toMillis() / 1000.0);
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
    }
}
