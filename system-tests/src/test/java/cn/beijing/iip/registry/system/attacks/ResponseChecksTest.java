package cn.beijing.iip.registry.system.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.system.attacks.ResponseChecks.Secret;
import cn.beijing.iip.registry.system.attacks.ResponseChecks.Viewer;
import cn.beijing.iip.registry.system.attacks.Wire.Answer;
import cn.beijing.iip.registry.system.attacks.Wire.Sent;

/** The checks the attack corpus relies on catch what they are there to catch, and only that. */
class ResponseChecksTest {

    private static final String VICTIM = "91110108MA01AAA01X";
    private static final List<Secret> SECRETS = List.of(
            new Secret("draft-id-1", VICTIM, "the id of the victim's draft"),
            new Secret("V1CT1M-draft", VICTIM, "the name of the victim's draft"),
            new Secret(VICTIM, VICTIM, "the victim's credit code"));
    private static final Viewer ATTACKER = new Viewer("91110105MA02BBB02Y", false);
    private static final Sent LIST = new Sent("GET", "/api/platforms?status=DRAFT", Map.of(), null);

    @Test
    void passesAListOfPublishedEntriesOfTheVictim() {
        Answer answer = json(200, "application/json", "{\"items\":[" + entry("pub-1", "APPROVED", "Published") + "],\"total\":1}");

        assertThat(ResponseChecks.violations(LIST, answer, ATTACKER, SECRETS)).isEmpty();
    }

    @Test
    void catchesADraftOfTheVictimInAList() {
        Answer answer = json(200, "application/json", "{\"items\":[" + entry("pub-1", "APPROVED", "Published") + ","
                + entry("draft-id-1", "DRAFT", "V1CT1M-draft") + "],\"total\":2}");

        assertThat(ResponseChecks.violations(LIST, answer, ATTACKER, SECRETS))
                .anySatisfy(violation -> assertThat(violation).contains("the id of the victim's draft"))
                .anySatisfy(violation -> assertThat(violation).contains("the name of the victim's draft"))
                .anySatisfy(violation -> assertThat(violation).contains("credit code"));
    }

    @Test
    void letsTheVictimAndReviewersSeeTheVictimsDrafts() {
        Answer answer = json(200, "application/json", entry("draft-id-1", "DRAFT", "V1CT1M-draft"));

        assertThat(ResponseChecks.violations(LIST, answer, new Viewer(VICTIM, false), SECRETS)).isEmpty();
        assertThat(ResponseChecks.violations(LIST, answer, new Viewer(null, true), SECRETS)).isEmpty();
    }

    @Test
    void toleratesAnEchoOfWhatTheCallerSentButNotMore() {
        Sent guess = new Sent("GET", "/api/platforms/draft-id-1", Map.of(), null);
        Answer notFound = json(404, "application/problem+json", "{\"type\":\"urn:iip-registry:problem:not-found\","
                + "\"status\":404,\"detail\":\"no entry with id draft-id-1\",\"instance\":\"/api/platforms/draft-id-1\"}");
        Answer found = json(200, "application/json", entry("draft-id-1", "DRAFT", "V1CT1M-draft"));

        assertThat(ResponseChecks.violations(guess, notFound, ATTACKER, SECRETS)).isEmpty();
        assertThat(ResponseChecks.violations(guess, found, ATTACKER, SECRETS))
                .anySatisfy(violation -> assertThat(violation).contains("the name of the victim's draft"));
    }

    @Test
    void catchesASecretInAHeader() {
        Answer answer = new Answer(201, Map.of("Location", List.of("/api/platforms/draft-id-1"),
                "Content-Type", List.of("application/json")), "{}".getBytes(StandardCharsets.UTF_8), 5, null);

        assertThat(ResponseChecks.violations(LIST, answer, ATTACKER, SECRETS)).isNotEmpty();
    }

    @Test
    void catchesAServerError() {
        Answer answer = json(500, "application/problem+json", "{\"type\":\"urn:iip-registry:problem:internal\","
                + "\"status\":500,\"detail\":\"quote the requestId\"}");

        assertThat(ResponseChecks.violations(LIST, answer, ATTACKER, SECRETS)).containsExactly("server error 500");
    }

    @Test
    void tellsTheGatewaysTimeOutAnswerFromOtherServerErrors() {
        Answer timeOut = json(503, "application/problem+json", "{\"type\":\"urn:iip-registry:problem:service-unavailable\","
                + "\"status\":503,\"detail\":\"the platforms service is down or did not answer in time; try again shortly\","
                + "\"instance\":\"/api/platforms\"}");
        Answer store = json(503, "application/problem+json", "{\"type\":\"urn:iip-registry:problem:store-unavailable\","
                + "\"status\":503,\"detail\":\"the store is down\",\"instance\":\"/api/platforms\"}");

        assertThat(timeOut.isGatewayOutageAnswer()).isTrue();
        assertThat(store.isGatewayOutageAnswer()).isFalse();
        assertThat(ResponseChecks.violations(LIST, timeOut, ATTACKER, SECRETS)).contains("server error 503");
    }

    @Test
    void catchesNoAnswerAtAll() {
        assertThat(ResponseChecks.violations(LIST, Answer.failed("connection reset", 3), ATTACKER, SECRETS))
                .containsExactly("no answer: connection reset");
    }

    @Test
    void catchesRefusalsThatAreNotTheRegistrysProblems() {
        Answer html = json(400, "text/html", "<html><body>Bad Request</body></html>");
        Answer plain = json(403, "text/plain", "Invalid CORS request");
        Answer foreign = json(404, "application/problem+json", "{\"type\":\"about:blank\",\"status\":404,\"detail\":\"x\"}");
        Answer silent = json(405, "application/problem+json", "{\"type\":\"urn:iip-registry:problem:method-not-allowed\"}");
        Answer empty = new Answer(431, Map.of(), new byte[0], 1, null);

        for (Answer answer : List.of(html, plain, foreign, silent, empty)) {
            assertThat(ResponseChecks.violations(LIST, answer, ATTACKER, SECRETS)).as("%s", answer).isNotEmpty();
        }
    }

    @Test
    void catchesStackTracesAndDriverMessages() {
        String trace = "{\"type\":\"urn:iip-registry:problem:validation\",\"status\":400,\"detail\":\"java.lang."
                + "IllegalStateException: at cn.beijing.iip.registry.core.entry.Lifecycle.create(Lifecycle.java:120)\"}";
        String driver = "{\"type\":\"urn:iip-registry:problem:duplicate-name\",\"status\":409,\"detail\":\"E11000 duplicate key\"}";

        assertThat(ResponseChecks.violations(LIST, json(400, "application/problem+json", trace), ATTACKER, SECRETS))
                .anySatisfy(violation -> assertThat(violation).startsWith("gives away internals"));
        assertThat(ResponseChecks.violations(LIST, json(409, "application/problem+json", driver), ATTACKER, SECRETS))
                .anySatisfy(violation -> assertThat(violation).startsWith("gives away internals"));
    }

    @Test
    void catchesMembersOfTheStoresLayout() {
        String leaky = "{\"id\":\"e1\",\"kind\":\"platforms\",\"status\":\"APPROVED\",\"owner\":{\"creditCode\":\"x\"},"
                + "\"nameKey\":\"steel cloud\",\"history\":[]}";

        assertThat(ResponseChecks.violations(LIST, json(200, "application/json", leaky), ATTACKER, SECRETS))
                .anySatisfy(violation -> assertThat(violation).contains("'nameKey'"))
                .anySatisfy(violation -> assertThat(violation).contains("'history'"));
        assertThat(ResponseChecks.violations(LIST, json(200, "application/json", "[{\"_id\":\"e1\"}]"), ATTACKER, SECRETS))
                .anySatisfy(violation -> assertThat(violation).contains("'_id'"));
    }

    @Test
    void catchesAServerBannerWithItsVersion() {
        Answer answer = new Answer(200, Map.of("Server", List.of("Apache-Coyote/1.1"), "X-Powered-By", List.of("Servlet/6.1")),
                new byte[0], 1, null);

        assertThat(ResponseChecks.violations(LIST, answer, ATTACKER, SECRETS)).hasSize(2);
    }

    private static String entry(String id, String status, String name) {
        return "{\"id\":\"" + id + "\",\"kind\":\"platforms\",\"status\":\"" + status + "\",\"version\":1,\"owner\":{\"creditCode\":\""
                + VICTIM + "\",\"name\":\"Victim Co.\"},\"name\":\"" + name + "\"}";
    }

    private static Answer json(int status, String contentType, String body) {
        return new Answer(status, Map.of("Content-Type", List.of(contentType)), body.getBytes(StandardCharsets.UTF_8), 5, null);
    }
}
