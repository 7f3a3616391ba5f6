package cn.beijing.iip.coretest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mongodb.client.MongoCollection;

import cn.beijing.iip.registry.core.testing.Codes;
import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.core.testing.TestIssuer;
import cn.beijing.iip.registry.core.testing.TestStore;
import cn.beijing.iip.registry.problem.ProblemType;
import tools.jackson.databind.JsonNode;

/** A kind's own uniqueness rule comes from a unique index too, and races the same way. */
@SpringBootTest(classes = ProfileApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.structured.format.console=")
@DirtiesContext
class OnePerEnterpriseIT {

    private static final TestStore STORE = TestStore.start();
    private static final TestIssuer ISSUER = TestIssuer.start();

    @LocalServerPort
    int port;

    @Autowired
    MongoCollection<Document> entries;

    private Http http;
    private String alice;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> STORE.uri("iip"));
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuerUri);
    }

    @AfterAll
    static void stop() {
        STORE.stop();
        ISSUER.close();
    }

    @BeforeEach
    void clean() {
        entries.deleteMany(new Document());
        http = new Http("http://127.0.0.1:" + port);
        alice = ISSUER.enterprise("alice", Codes.ENTERPRISE_A, "Alpha Industrial Co.").sign();
    }

    @Test
    void keepsOneProfilePerEnterpriseWhenSixteenAreCreatedAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Http.Response> responses = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Map<String, Object> body = Answers.complete("Alpha Solutions " + i);
                futures.add(threads.submit(() -> {
                    go.await();
                    return http.post("/api/solution-providers").token(alice).json(body).send();
                }));
            }
            go.countDown();
            for (Future<Http.Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }

        List<Http.Response> created = responses.stream().filter(response -> response.status() == 201).toList();
        assertThat(created).hasSize(1);
        String profile = created.getFirst().json().get("id").asString();
        List<Http.Response> refused = responses.stream().filter(response -> response.status() != 201).toList();
        assertThat(refused).hasSize(15).allSatisfy(response -> {
            JsonNode problem = Answers.problem(response, ProblemType.ONE_PER_ENTERPRISE);
            assertThat(problem.get("existingId").asString()).isEqualTo(profile);
        });
        assertThat(entries.countDocuments()).isEqualTo(1);
    }

    @Test
    void letsAnEnterpriseRenameItsProfileAndOthersHaveTheirOwn() {
        Http.Response created = Answers.expect(http.post("/api/solution-providers").token(alice)
                .json(Answers.complete("Alpha Solutions")).send(), 201);
        String id = created.json().get("id").asString();

        Http.Response renamed = http.put("/api/solution-providers/" + id).token(alice).header("If-Match", "\"1\"")
                .json(Answers.complete("Alpha Digital Solutions")).send();
        String bob = ISSUER.enterprise("bob", Codes.ENTERPRISE_B, "Beta Manufacturing Co.").sign();
        Http.Response bobs = http.post("/api/solution-providers").token(bob).json(Answers.complete("Alpha Solutions")).send();

        assertThat(Answers.expect(renamed, 200).json().get("name").asString()).isEqualTo("Alpha Digital Solutions");
        Answers.expect(bobs, 201);
        assertThat(Answers.problem(http.post("/api/solution-providers").token(alice)
                .json(Answers.complete("Alpha Solutions")).send(), ProblemType.ONE_PER_ENTERPRISE).get("existingId").asString())
                .isEqualTo(id);
    }
}
