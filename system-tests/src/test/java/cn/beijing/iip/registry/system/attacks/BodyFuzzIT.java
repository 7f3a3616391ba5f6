package cn.beijing.iip.registry.system.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.seeds.Seeds;
import cn.beijing.iip.registry.system.attacks.FuzzBodies.Case;
import cn.beijing.iip.registry.system.attacks.FuzzBodies.Verdict;
import cn.beijing.iip.registry.system.attacks.ResponseChecks.Viewer;
import cn.beijing.iip.registry.system.attacks.Wire.Answer;
import cn.beijing.iip.registry.system.attacks.Wire.Sent;
import cn.beijing.iip.registry.system.support.RegistrySystem;
import cn.beijing.iip.registry.system.support.SystemTest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property-based fuzzing of every JSON body the API takes, through the gateway: seeded cases of valid
 * and mutated bodies (see {@link FuzzBodies}) for create and update of each kind, review, revoke, and the
 * notes of submit, withdraw and reopen. Whatever the body: no 5xx, every refusal a 400 problem+json, no
 * internals; a body the rules accept is accepted and reads back exactly as sent; a body they refuse is
 * refused and leaves the store as it was. Reproduce with {@code -Diip.fuzz.seed=...}; size and time with
 * {@code -Diip.fuzz.cases} and {@code -Diip.fuzz.seconds} (per body).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BodyFuzzIT extends SystemTest {

    private static final long SEED = Long.getLong("iip.fuzz.seed", 20_231_231L);
    private static final int CASES = Integer.getInteger("iip.fuzz.cases", 300);
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("iip.fuzz.seconds", 150));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> ENVELOPE = Set.of("id", "kind", "status", "version", "owner", "demo", "createdAt",
            "updatedAt", "submittedAt");

    /** The bodies fuzzed: what is sent, to which call. */
    enum Body {
        CREATE_PLATFORM("create", "platforms"), CREATE_SOLUTION_PROVIDER("create", "solution-providers"),
        CREATE_SECURITY_PRODUCT("create", "security-products"), UPDATE_PLATFORM("update", "platforms"),
        UPDATE_SOLUTION_PROVIDER("update", "solution-providers"), UPDATE_SECURITY_PRODUCT("update", "security-products"),
        REVIEW("review", "platforms"), REVOKE("revoke", "security-products"), NOTE("note", "platforms");

        final String call;
        final String kind;

        Body(String call, String kind) {
            this.call = call;
            this.kind = kind;
        }
    }

    private final Listener listener = new Listener("{}");
    private final FuzzBodies bodies;
    private final Wire wire;
    private final String run = Long.toString(System.nanoTime() % 2_000_000_000L, 36);
    private final List<String> summary = new ArrayList<>();

    BodyFuzzIT(RegistrySystem system) {
        super(system);
        Map<String, List<String>> codes = new LinkedHashMap<>();
        Seeds.packaged().taxonomies().byName().forEach((name, taxonomy) -> codes.put(name, taxonomy.codes()));
        bodies = new FuzzBodies(SEED, codes, listener.url());
        wire = new Wire(http.base());
    }

    @AfterAll
    void printAndStop() {
        System.out.println("Body fuzzing, seed " + SEED + ":\n" + String.join("\n", summary));
        listener.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Body.class)
    @Order(1)
    void keepsEveryPromiseWhateverTheBody(Body body) {
        Stats stats = new Stats(body);
        switch (body.call) {
            case "create" -> creates(body.kind, stats);
            case "update" -> updates(body.kind, stats);
            case "review" -> reviews(body.kind, stats);
            case "revoke" -> revocations(body.kind, stats);
            case "note" -> notes(body.kind, stats);
            default -> throw new IllegalArgumentException(body.call);
        }
        summary.add(stats.line());
        System.out.println(stats.line());

        assertThat(stats.failures).as("fuzz failures of %s (seed %d)", body, SEED).isEmpty();
        assertThat(stats.cases).as("cases run within %s", BUDGET).isGreaterThanOrEqualTo(Math.min(CASES, 100));
        assertThat(stats.accepted).as("accepted cases").isPositive();
        assertThat(stats.refused).as("refused cases").isPositive();
    }

    @Test
    @Order(2)
    void neverFetchesAWebsiteAFuzzedBodyGave() {
        assertThat(listener.hits()).isEmpty();
    }

    // ---- the calls ----

    private void creates(String kind, Stats stats) {
        RegistrySystem.Enterprise owner = system.newEnterprise("Fuzz Creates " + kind + " " + run);
        Viewer viewer = new Viewer(owner.creditCode(), false);
        MongoCollection<Document> store = store(kind);
        for (int i = 0; stats.goOn(i); i++) {
            Case fuzz = bodies.entry(kind, "create", i);
            Sent sent = sent("POST", "/api/" + kind, owner.token(), fuzz.json(), Map.of());
            Answer answer = wire.send(sent);
            if (stats.judge(fuzz, sent, answer, viewer)) {
                String id = json(answer).path("id").asString("");
                readsBack(stats, fuzz, kind, id, owner.token());
                Answer deleted = wire.send(new Sent("DELETE", "/api/" + kind + "/" + id, auth(owner.token()), null));
                stats.expect(fuzz, deleted.status() == 204, "the accepted entry could not be deleted: " + deleted);
            }
            long stored = store.countDocuments(Filters.eq("owner.creditCode", owner.creditCode()));
            stats.expect(fuzz, stored == 0, stored + " entries in the store after the case, none expected");
        }
    }

    private void updates(String kind, Stats stats) {
        RegistrySystem.Enterprise owner = system.newEnterprise("Fuzz Updates " + kind + " " + run);
        Viewer viewer = new Viewer(owner.creditCode(), false);
        String id = create(owner.token(), kind, completeBody(kind, "Fuzz Target " + run));
        long version = 1;
        for (int i = 0; stats.goOn(i); i++) {
            Case fuzz = bodies.entry(kind, "update", i);
            Document before = document(kind, id);
            Sent sent = sent("PUT", "/api/" + kind + "/" + id, owner.token(), fuzz.json(), Map.of("If-Match", "\"" + version + "\""));
            Answer answer = wire.send(sent);
            if (stats.judge(fuzz, sent, answer, viewer)) {
                version = json(answer).path("version").asLong();
                readsBack(stats, fuzz, kind, id, owner.token());
            } else {
                stats.expect(fuzz, before.equals(document(kind, id)), "the refused update changed the stored entry");
            }
        }
    }

    private void reviews(String kind, Stats stats) {
        RegistrySystem.Enterprise owner = system.newEnterprise("Fuzz Reviews " + run);
        String reviewer = system.token("reviewer");
        Viewer viewer = new Viewer(null, true);
        String id = submitted(owner, kind, 0);
        for (int i = 0; stats.goOn(i); i++) {
            Case fuzz = bodies.review(i);
            Document before = document(kind, id);
            Sent sent = sent("POST", "/api/" + kind + "/" + id + "/review", reviewer, fuzz.json(), Map.of());
            Answer answer = wire.send(sent);
            if (stats.judge(fuzz, sent, answer, viewer)) {
                // a body accepted against the rules has no decision to expect: the entry's state says where it went
                String to = fuzz.decision() == null ? json(answer).path("status").asString("") : switch (fuzz.decision()) {
                    case "APPROVE" -> "APPROVED";
                    case "REJECT" -> "REJECTED";
                    default -> "CHANGES_REQUESTED";
                };
                recorded(stats, fuzz, kind, id, owner.token(), to, "reviewer");
                if (to.equals("APPROVED")) {
                    id = submitted(owner, kind, i + 1);
                } else {
                    step(kind, id, owner.token(), "submit");
                }
            } else {
                stats.expect(fuzz, before.equals(document(kind, id)), "the refused review changed the stored entry");
            }
        }
    }

    private void revocations(String kind, Stats stats) {
        RegistrySystem.Enterprise owner = system.newEnterprise("Fuzz Revocations " + run);
        String admin = system.token("admin");
        Viewer viewer = new Viewer(null, true);
        String id = approved(owner, kind, completeBody(kind, "Fuzz Revoked " + run));
        for (int i = 0; stats.goOn(i); i++) {
            Case fuzz = bodies.revoke(i);
            Document before = document(kind, id);
            Sent sent = sent("POST", "/api/" + kind + "/" + id + "/revoke", admin, fuzz.json(), Map.of());
            Answer answer = wire.send(sent);
            if (stats.judge(fuzz, sent, answer, viewer)) {
                recorded(stats, fuzz, kind, id, owner.token(), "REVOKED", "admin");
                step(kind, id, admin, "reopen");
                step(kind, id, owner.token(), "submit");
                expect(act(system.token("reviewer"), kind, id, "review", Map.of("decision", "APPROVE")), 200);
            } else {
                stats.expect(fuzz, before.equals(document(kind, id)), "the refused revocation changed the stored entry");
            }
        }
    }

    private void notes(String kind, Stats stats) {
        RegistrySystem.Enterprise owner = system.newEnterprise("Fuzz Notes " + run);
        String admin = system.token("admin");
        String moving = create(owner.token(), kind, completeBody(kind, "Fuzz Moving " + run));
        String revoked = approved(owner, kind, completeBody(kind, "Fuzz Reopened " + run));
        step(kind, revoked, admin, "revoke", Map.of("reason", "fuzzing reopen"));
        boolean submitted = false;
        for (int i = 0; stats.goOn(i); i++) {
            Case fuzz = bodies.note(i);
            boolean reopen = i % 8 == 7;
            String id = reopen ? revoked : moving;
            String action = reopen ? "reopen" : submitted ? "withdraw" : "submit";
            String token = reopen ? admin : owner.token();
            Document before = document(kind, id);
            Sent sent = sent("POST", "/api/" + kind + "/" + id + "/" + action, token, fuzz.json(), Map.of());
            Answer answer = wire.send(sent);
            if (stats.judge(fuzz, sent, answer, reopen ? new Viewer(null, true) : new Viewer(owner.creditCode(), false))) {
                String to = action.equals("submit") ? "SUBMITTED" : "DRAFT";
                recorded(stats, fuzz, kind, id, owner.token(), to, reopen ? "admin" : owner.username());
                if (reopen) {
                    step(kind, id, owner.token(), "submit");
                    expect(act(system.token("reviewer"), kind, id, "review", Map.of("decision", "APPROVE")), 200);
                    step(kind, id, admin, "revoke", Map.of("reason", "fuzzing reopen"));
                } else {
                    submitted = !submitted;
                }
            } else {
                stats.expect(fuzz, before.equals(document(kind, id)), "the refused " + action + " changed the stored entry");
            }
        }
    }

    // ---- what an accepted body must have done ----

    private void readsBack(Stats stats, Case fuzz, String kind, String id, String token) {
        Answer read = wire.send(new Sent("GET", "/api/" + kind + "/" + id, auth(token), null));
        ObjectNode fields = (ObjectNode) json(read).deepCopy();
        ENVELOPE.forEach(fields::remove);
        stats.expect(fuzz, read.status() == 200 && fields.equals(fuzz.readBack()),
                "reads back " + fields + " instead of " + fuzz.readBack());
    }

    private void recorded(Stats stats, Case fuzz, String kind, String id, String ownerToken, String to, String actor) {
        Answer history = wire.send(new Sent("GET", "/api/" + kind + "/" + id + "/history", auth(ownerToken), null));
        JsonNode rows = json(history);
        JsonNode last = rows.isArray() && !rows.isEmpty() ? rows.get(rows.size() - 1) : JSON.missingNode();
        JsonNode comment = last.path("comment");
        String recorded = comment.isString() ? comment.asString() : null;
        stats.expect(fuzz, to.equals(last.path("to").asString("")) && actor.equals(last.path("actor").asString(""))
                && java.util.Objects.equals(fuzz.comment(), recorded),
                "the history records " + last + " instead of a move to " + to + " by " + actor + " with comment "
                        + (fuzz.comment() == null ? "none" : "'" + FuzzBodies.printable(fuzz.comment()) + "'"));
    }

    // ---- helpers ----

    private String submitted(RegistrySystem.Enterprise owner, String kind, int n) {
        String id = create(owner.token(), kind, completeBody(kind, "Fuzz Reviewed " + run + " " + n));
        step(kind, id, owner.token(), "submit");
        return id;
    }

    private void step(String kind, String id, String token, String action) {
        expect(act(token, kind, id, action, null), 200);
    }

    private void step(String kind, String id, String token, String action, Object body) {
        expect(act(token, kind, id, action, body), 200);
    }

    private static Sent sent(String method, String path, String token, String json, Map<String, String> extra) {
        Map<String, String> headers = auth(token);
        headers.putAll(extra);
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        return new Sent(method, path, headers, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> auth(String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        return headers;
    }

    private MongoCollection<Document> store(String kind) {
        return system.entries(EntryKind.fromCode(kind).orElseThrow());
    }

    private Document document(String kind, String id) {
        return store(kind).find(Filters.eq("_id", id)).first();
    }

    private static JsonNode json(Answer answer) {
        try {
            return answer.body().length == 0 ? JSON.missingNode() : JSON.readTree(answer.body());
        } catch (JacksonException e) {
            return JSON.missingNode();
        }
    }

    /** Counts and failures of one body's cases, within the case count and the time budget. */
    private static final class Stats {

        private final Body body;
        private final long started = System.nanoTime();
        private final Map<String, Integer> refusals = new TreeMap<>();
        private final List<String> failures = new ArrayList<>();
        private int cases;
        private int accepted;
        private int refused;

        Stats(Body body) {
            this.body = body;
        }

        boolean goOn(int index) {
            boolean more = index < CASES && System.nanoTime() - started < BUDGET.toNanos();
            if (more) {
                cases++;
            }
            return more;
        }

        /** Judges one answer against the case's verdict and ResponseChecks; true when the body was accepted. */
        boolean judge(Case fuzz, Sent sent, Answer answer, Viewer viewer) {
            for (String violation : ResponseChecks.violations(sent, answer, viewer, List.of())) {
                failures.add(fuzz + "\n    " + violation + "\n    answer: " + answer);
            }
            boolean ok = answer.status() >= 200 && answer.status() < 300;
            boolean badRequest = answer.status() == 400;
            if (ok) {
                accepted++;
            } else if (badRequest) {
                refused++;
                refusals.merge(json(answer).path("type").asString("?").replace(ResponseChecks.PROBLEM_TYPE_PREFIX, ""), 1,
                        Integer::sum);
            }
            boolean expected = switch (fuzz.verdict()) {
                case ACCEPT -> ok;
                case REJECT -> badRequest;
                case EITHER -> ok || badRequest;
            };
            if (!expected && answer.failure() == null) {
                failures.add(fuzz + "\n    " + (fuzz.verdict() == Verdict.ACCEPT ? "refused a body the rules accept"
                        : fuzz.verdict() == Verdict.REJECT ? "did not refuse with 400 a body the rules refuse"
                        : "neither accepted nor refused with 400") + "\n    answer: " + answer);
            }
            return ok;
        }

        void expect(Case fuzz, boolean holds, String what) {
            if (!holds) {
                failures.add(fuzz + "\n    " + what);
            }
        }

        String line() {
            StringBuilder line = new StringBuilder(String.format("%-26s %4d cases in %5.1f s: %4d accepted, %4d refused with 400 %s, %d failures",
                    body, cases, (System.nanoTime() - started) / 1e9, accepted, refused, refusals, failures.size()));
            failures.stream().limit(15).forEach(failure -> line.append("\n  FAILURE ").append(failure));
            return line.toString();
        }
    }
}
