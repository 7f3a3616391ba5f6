package cn.beijing.iip.registry.core.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mongodb.client.MongoCollection;

import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.problem.ProblemType;
import cn.beijing.iip.registry.progress.KindFigures;
import tools.jackson.databind.JsonNode;

/**
 * A registry service's HTTP tests: the service's own application (found from the subclass's package)
 * on a random port, on a real store over TCP, checking tokens signed by a test issuer. One store and
 * one issuer per test JVM, so every test class of a service shares one Spring context; each test
 * starts from an empty collection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"iip.figures=200ms", "logging.structured.format.console="})
public abstract class ServiceApiTest {

    protected static final TestStore STORE = TestStore.start();
    protected static final TestIssuer ISSUER = TestIssuer.start();

    protected static final String A = Codes.ENTERPRISE_A;
    protected static final String B = Codes.ENTERPRISE_B;
    protected static final String C = Codes.ENTERPRISE_C;

    private static final Duration FIGURES_WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    private int port;

    @Autowired
    protected MongoCollection<Document> entries;

    @Autowired
    protected KindDefinition<?> kind;

    protected Http http;
    /** An enterprise user of enterprise {@link #A}. */
    protected String alice;
    /** An enterprise user of enterprise {@link #B}. */
    protected String bob;
    /** An enterprise user of enterprise {@link #C}. */
    protected String carol;
    protected String reviewer;
    protected String admin;

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> STORE.uri("iip"));
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuerUri);
    }

    @BeforeEach
    void startFromAnEmptyRegistry() {
        entries.deleteMany(new Document());
        http = new Http("http://127.0.0.1:" + port);
        alice = ISSUER.enterprise("alice", A, "Alpha Industrial Co.").sign();
        bob = ISSUER.enterprise("bob", B, "Beta Manufacturing Co.").sign();
        carol = ISSUER.enterprise("carol", C, "天津海河智造有限公司").sign();
        reviewer = ISSUER.reviewer();
        admin = ISSUER.admin();
    }

    /** {@code /api/<kind>}, then the given segments. */
    protected String path(String... segments) {
        StringBuilder path = new StringBuilder(kind.kind().path());
        for (String segment : segments) {
            path.append('/').append(segment);
        }
        return path.toString();
    }

    protected Http.Response create(String token, Object body) {
        return http.post(path()).token(token).json(body).send();
    }

    /** Creates a draft and answers its id; anything but 201 fails the test. */
    protected String created(String token, Object body) {
        return expect(create(token, body), 201).json().get("id").asString();
    }

    protected Http.Response read(String token, String id) {
        return http.get(path(id)).token(token).send();
    }

    protected Http.Response act(String token, String id, String action, Object body) {
        Http.Call call = http.post(path(id, action)).token(token);
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

    /** Creates, submits and approves an entry; answers its id. */
    protected String approved(String token, Object body) {
        String id = created(token, body);
        expect(act(token, id, "submit", null), 200);
        expect(review(id, "APPROVE", null), 200);
        return id;
    }

    protected Http.Response list(String query) {
        return http.get(path() + (query.isEmpty() ? "" : "?" + query)).send();
    }

    /** The names on one page of a list, as an anonymous caller sees it. */
    protected Set<String> names(String query) {
        Set<String> names = new TreeSet<>();
        expect(list(query), 200).json().get("items").forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    protected static Http.Response expect(Http.Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("expected " + status + " but got " + response);
        }
        return response;
    }

    /** Asserts a problem+json answer of the given type and answers its body. */
    protected static JsonNode problem(Http.Response response, ProblemType type) {
        expect(response, type.status());
        if (!response.contentType().startsWith("application/problem+json")) {
            throw new AssertionError("expected problem+json but got " + response.contentType());
        }
        JsonNode body = response.json();
        if (!type.uri().toString().equals(body.get("type").asString())) {
            throw new AssertionError("expected type " + type.uri() + " but got " + response);
        }
        return body;
    }

    /** The fields a 400 names in its {@code errors} member. */
    protected static Set<String> fieldsNamedBy(JsonNode problem) {
        Set<String> fields = new TreeSet<>();
        problem.path("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    protected static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code /internal/figures}, once its figures satisfy {@code expected} (they are recounted every 200 ms). */
    protected JsonNode figuresWhen(Predicate<JsonNode> expected) {
        return eventually(() -> {
            Http.Response response = http.get(KindFigures.PATH).send();
            return response.status() == 200 ? response.json() : null;
        }, expected, "figures");
    }

    /** A target's achieved figure in {@code /internal/figures}. */
    protected static long achieved(JsonNode figures, String target) {
        for (JsonNode row : figures.get("targets")) {
            if (row.get("target").asString().equals(target)) {
                return row.get("achieved").asLong();
            }
        }
        throw new AssertionError("no target " + target + " in " + figures);
    }

    /** The value of one sample of {@code /actuator/prometheus}, once it equals {@code expected}. */
    protected double scrapedWhen(String metric, String label, String value, double expected) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        String wanted = label + "=\"" + value + "\"";
        return eventually(() -> {
            Matcher matcher = sample.matcher(expect(http.get("/actuator/prometheus").send(), 200).text());
            while (matcher.find()) {
                if (("," + matcher.group(1) + ",").contains("," + wanted + ",")) {
                    return Double.parseDouble(matcher.group(2));
                }
            }
            return null;
        }, found -> found == expected, metric + "{" + wanted + "}");
    }

    private static <T> T eventually(java.util.function.Supplier<T> read, Predicate<T> expected, String what) {
        Instant deadline = Instant.now().plus(FIGURES_WAIT);
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            last = read.get();
            if (last != null && expected.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(what + " never became as expected; last seen: " + last);
    }
}
