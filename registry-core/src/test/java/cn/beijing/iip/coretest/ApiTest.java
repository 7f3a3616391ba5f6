package cn.beijing.iip.coretest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mongodb.client.MongoCollection;

import cn.beijing.iip.registry.core.entry.Entry;
import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.entry.HistoryRow;
import cn.beijing.iip.registry.core.entry.Owner;
import cn.beijing.iip.registry.core.store.EntryDocuments;
import cn.beijing.iip.registry.core.testing.Codes;
import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.core.testing.TestIssuer;
import cn.beijing.iip.registry.core.testing.TestStore;
import cn.beijing.iip.registry.problem.ProblemType;
import tools.jackson.databind.JsonNode;

/**
 * A sample service on a random port, on a real store over TCP, checking tokens signed by a test
 * issuer whose keys WireMock serves. One store and issuer for all API tests, so Spring reuses the context.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"iip.figures=200ms", "iip.store.retry=500ms", "logging.structured.format.console="})
public abstract class ApiTest {

    protected static final TestStore STORE = TestStore.start();
    protected static final TestIssuer ISSUER = TestIssuer.start();

    protected static final String A = Codes.ENTERPRISE_A;
    protected static final String B = Codes.ENTERPRISE_B;

    @LocalServerPort
    int port;

    @Autowired
    protected MongoCollection<Document> entries;

    protected Http http;
    protected String alice;
    protected String bob;
    protected String reviewer;
    protected String admin;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> STORE.uri("iip"));
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuerUri);
    }

    @BeforeEach
    void clean() {
        entries.deleteMany(new Document());
        http = new Http("http://127.0.0.1:" + port);
        alice = ISSUER.enterprise("alice", A, "Alpha Industrial Co.").sign();
        bob = ISSUER.enterprise("bob", B, "Beta Manufacturing Co.").sign();
        reviewer = ISSUER.reviewer();
        admin = ISSUER.admin();
    }

    protected static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    protected String create(String token, Map<String, Object> body) {
        Http.Response response = http.post("/api/platforms").token(token).json(body).send();
        if (response.status() != 201) {
            throw new AssertionError("create failed: " + response);
        }
        return response.json().get("id").asString();
    }

    protected Http.Response act(String token, String id, String action, Object body) {
        Http.Call call = http.post("/api/platforms/" + id + "/" + action).token(token);
        return body == null ? call.send() : call.json(body).send();
    }

    protected Http.Response review(String id, String decision, String comment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (comment != null) {
            body.put("comment", comment);
        }
        return act(reviewer, id, "review", body);
    }

    /** An approved entry of enterprise A. */
    protected String approved(String name) {
        String id = create(alice, complete(name));
        expect(act(alice, id, "submit", null), 200);
        expect(review(id, "APPROVE", null), 200);
        return id;
    }

    /**
     * Puts an entry straight into the collection, as another replica would have written it: for
     * lists and figures that need many entries or chosen times without walking each through the API.
     */
    protected String insert(String name, EntryStatus status, String creditCode, Instant at, String industry,
            String region, long revenue) {
        Map<String, Object> fields = new LinkedHashMap<>(complete(name));
        fields.put("industries", List.of(industry));
        fields.put("region", region);
        fields.put("declaredRevenueCny", revenue);
        Entry entry = new Entry(UUID.randomUUID().toString(), "platforms", status, 1,
                new Owner(creditCode, "Enterprise " + creditCode), false, at, at,
                status == EntryStatus.DRAFT ? null : at, fields,
                List.of(new HistoryRow(null, EntryStatus.DRAFT, "loader", at, null)), null);
        entries.insertOne(EntryDocuments.toDocument(entry));
        return entry.id();
    }

    /** The entry as its owner reads it, to show that a refused request changed nothing. */
    protected JsonNode read(String token, String id) {
        return expect(http.get("/api/platforms/" + id).token(token).send(), 200).json();
    }

    /** A complete body, so that submit accepts it. */
    protected static Map<String, Object> complete(String name) {
        return Answers.complete(name);
    }

    protected static Http.Response expect(Http.Response response, int status) {
        return Answers.expect(response, status);
    }

    /** See {@link Answers#problem}. */
    protected static JsonNode problem(Http.Response response, ProblemType type) {
        return Answers.problem(response, type);
    }

    protected static List<String> fieldsNamed(JsonNode problem) {
        return Answers.fieldsNamed(problem);
    }
}
