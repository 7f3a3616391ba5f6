package cn.beijing.iip.coretest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.BindException;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.beijing.iip.registry.core.testing.Codes;
import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.core.testing.TestIssuer;
import cn.beijing.iip.registry.problem.ProblemType;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store goes away and comes back while the service runs. It has a store of its own, so the
 * other API tests never see the outage, and the structured JSON log format the services run with.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "iip.figures=200ms")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class StoreOutageIT {

    /** Generous: the service gives up on the store after about a second; a hang would take 30. */
    private static final Duration ANSWERS_WITHIN = Duration.ofSeconds(20);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final TestIssuer ISSUER = TestIssuer.start();
    private static MongoServer store = new MongoServer(new MemoryBackend());
    private static final int PORT = store.bind().getPort();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + PORT + "/iip");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuerUri);
    }

    @AfterAll
    static void stop() {
        store.shutdownNow();
        ISSUER.close();
    }

    @Test
    void reportsTheStoreGoneAnswers503AndRecoversWithoutARestart(CapturedOutput output) throws Exception {
        Http http = new Http("http://127.0.0.1:" + port);
        String alice = ISSUER.enterprise("alice", Codes.ENTERPRISE_A, "Alpha Industrial Co.").sign();
        await().atMost(PATIENCE).until(() -> http.get("/actuator/health/readiness").send().status() == 200);
        String id = created(http.post("/api/platforms").token(alice).json(Answers.complete("Steel Cloud")).send());

        store.shutdownNow();

        await().atMost(PATIENCE).until(() -> http.get("/actuator/health/readiness").send().status() == 503);
        JsonNode readiness = http.get("/actuator/health/readiness").send().json();
        assertThat(readiness.get("status").asString()).isEqualTo("DOWN");
        assertThat(readiness.get("components").get("store").get("status").asString()).isEqualTo("DOWN");
        Http.Response liveness = http.get("/actuator/health/liveness").send();
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");

        assertUnavailable(http.get("/api/platforms/" + id).token(alice).header("X-Request-Id", "outage-read-1"));
        assertUnavailable(http.get("/api/platforms"));
        assertUnavailable(http.post("/api/platforms").token(alice).json(Answers.complete("Iron Cloud")));
        assertUnavailable(http.post("/api/platforms/" + id + "/submit").token(alice));
        assertThat(structuredLines(output, "outage-read-1")).as("a JSON log line of the failed read, with its request id")
                .anySatisfy(line -> {
                    assertThat(line.get("requestId").asString()).isEqualTo("outage-read-1");
                    assertThat(line.get("message").asString()).contains("store unavailable");
                });

        store = restartOnTheSamePort();

        await().atMost(PATIENCE).until(() -> http.get("/actuator/health/readiness").send().status() == 200);
        assertThat(http.get("/actuator/health/readiness").send().json().get("status").asString()).isEqualTo("UP");
        String after = created(http.post("/api/platforms").token(alice).json(Answers.complete("Copper Cloud")).send());
        assertThat(http.get("/api/platforms/" + after).token(alice).send().status()).isEqualTo(200);
    }

    private static void assertUnavailable(Http.Call call) {
        Instant start = Instant.now();
        Http.Response response = call.send();
        Duration took = Duration.between(start, Instant.now());

        JsonNode problem = Answers.problem(response, ProblemType.STORE_UNAVAILABLE);
        assertThat(problem.get("detail").asString()).contains("store");
        assertThat(response.header("Retry-After")).isPresent();
        assertThat(took).as("answered instead of hanging").isLessThan(ANSWERS_WITHIN);
    }

    private static String created(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    /** The log lines, as JSON, that mention {@code text}; every one must be a JSON object. */
    private static java.util.List<JsonNode> structuredLines(CapturedOutput output, String text) {
        JsonMapper json = JsonMapper.builder().build();
        return output.getOut().lines().filter(line -> line.contains(text)).map(json::readTree).toList();
    }

    private static MongoServer restartOnTheSamePort() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            MongoServer server = new MongoServer(new MemoryBackend());
            try {
                server.bind("127.0.0.1", PORT);
                return server;
            } catch (RuntimeException e) {
                server.shutdownNow();
                if (!(e.getCause() instanceof BindException) || attempt == 50) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
