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
import java.util.function.BooleanSupplier;

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

import cn.beijing.iip.registry.core.testing.Http;
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
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, Long> fetched = new LinkedHashMap<>();

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
            Exchange exchange = exchange(stats, sent, () -> store.countDocuments(Filters.eq("owner.creditCode", owner.creditCode())) == 0);
            Result result = stats.judge(fuzz, sent, exchange, viewer);
            if (result == Result.ACCEPTED) {
                readsBack(stats, fuzz, kind, json(exchange.answer()).path("id").asString(""), owner.token());
            }
            // accepted entries go again, so the next case starts from an empty store (and a free solution-provider profile)
            for (Document made : store.find(Filters.eq("owner.creditCode", owner.creditCode()))) {
                Answer deleted = wire.send(new Sent("DELETE", "/api/" + kind + "/" + made.getString("_id"), auth(owner.token()), null));
                stats.expect(fuzz, result != Result.REFUSED && deleted.status() == 204,
                        result == Result.REFUSED ? "a refused create stored an entry" : "the new entry could not be deleted: " + deleted);
            }
        }
    }

    private void updates(String kind, Stats stats) {
        RegistrySystem.Enterprise owner = system.newEnterprise("Fuzz Updates " + kind + " " + run);
        Viewer viewer = new Viewer(owner.creditCode(), false);
        String id = create(owner.token(), kind, completeBody(kind, "Fuzz Target " + run));
        for (int i = 0; stats.goOn(i); i++) {
            Case fuzz = bodies.entry(kind, "update", i);
            Document before = document(kind, id);
            Sent sent = sent("PUT", "/api/" + kind + "/" + id, owner.token(), fuzz.json(),
                    Map.of("If-Match", "\"" + before.get("version") + "\""));
            Result result = stats.judge(fuzz, sent, exchange(stats, sent, () -> before.equals(document(kind, id))), viewer);
            if (result == Result.ACCEPTED) {
                readsBack(stats, fuzz, kind, id, owner.token());
            } else if (result == Result.REFUSED) {
                stats.expect(fuzz, before.equals(document(kind, id)), "the refused update changed the stored entry");
            }
        }
    }

    private void reviews(String kind, Stats stats) {
        RegistrySystem.Enterprise owner = system.newEnterprise("Fuzz Reviews " + run);
        Viewer viewer = new Viewer(null, true);
        String id = create(owner.token(), kind, completeBody(kind, "Fuzz Reviewed " + run));
        for (int i = 0; stats.goOn(i); i++) {
            moveTo(kind, id, owner.token(), "SUBMITTED");
            Case fuzz = bodies.review(i);
            Document before = document(kind, id);
            Sent sent = sent("POST", "/api/" + kind + "/" + id + "/review", token("reviewer"), fuzz.json(), Map.of());
            Exchange exchange = exchange(stats, sent, () -> before.equals(document(kind, id)));
            Result result = stats.judge(fuzz, sent, exchange, viewer);
            if (result == Result.ACCEPTED) {
                // a body accepted against the rules has no decision to expect: the entry's state says where it went
                String to = fuzz.decision() == null ? json(exchange.answer()).path("status").asString("") : switch (fuzz.decision()) {
                    case "APPROVE" -> "APPROVED";
                    case "REJECT" -> "REJECTED";
                    default -> "CHANGES_REQUESTED";
                };
                recorded(stats, fuzz, kind, id, owner.token(), to, "reviewer");
            } else if (result == Result.REFUSED) {
                stats.expect(fuzz, before.equals(document(kind, id)), "the refused review changed the stored entry");
            }
        }
    }

    private void revocations(String kind, Stats stats) {
        RegistrySystem.Enterprise owner = system.newEnterprise("Fuzz Revocations " + run);
        Viewer viewer = new Viewer(null, true);
        String id = create(owner.token(), kind, completeBody(kind, "Fuzz Revoked " + run));
        for (int i = 0; stats.goOn(i); i++) {
            moveTo(kind, id, owner.token(), "APPROVED");
            Case fuzz = bodies.revoke(i);
            Document before = document(kind, id);
            Sent sent = sent("POST", "/api/" + kind + "/" + id + "/revoke", token("admin"), fuzz.json(), Map.of());
            Result result = stats.judge(fuzz, sent, exchange(stats, sent, () -> before.equals(document(kind, id))), viewer);
            if (result == Result.ACCEPTED) {
                recorded(stats, fuzz, kind, id, owner.token(), "REVOKED", "admin");
            } else if (result == Result.REFUSED) {
                stats.expect(fuzz, before.equals(document(kind, id)), "the refused revocation changed the stored entry");
            }
        }
    }

    private void notes(String kind, Stats stats) {
        RegistrySystem.Enterprise owner = system.newEnterprise("Fuzz Notes " + run);
        String moving = create(owner.token(), kind, completeBody(kind, "Fuzz Moving " + run));
        String revoked = create(owner.token(), kind, completeBody(kind, "Fuzz Reopened " + run));
        for (int i = 0; stats.goOn(i); i++) {
            Case fuzz = bodies.note(i);
            boolean reopen = i % 8 == 7;
            String id = reopen ? revoked : moving;
            if (reopen) {
                moveTo(kind, id, owner.token(), "REVOKED");
            }
            String action = reopen ? "reopen" : "SUBMITTED".equals(status(kind, id)) ? "withdraw" : "submit";
            String token = reopen ? token("admin") : owner.token();
            Document before = document(kind, id);
            Sent sent = sent("POST", "/api/" + kind + "/" + id + "/" + action, token, fuzz.json(), Map.of());
            Result result = stats.judge(fuzz, sent, exchange(stats, sent, () -> before.equals(document(kind, id))),
                    reopen ? new Viewer(null, true) : new Viewer(owner.creditCode(), false));
            if (result == Result.ACCEPTED) {
                recorded(stats, fuzz, kind, id, owner.token(), action.equals("submit") ? "SUBMITTED" : "DRAFT",
                        reopen ? "admin" : owner.username());
            } else if (result == Result.REFUSED) {
                stats.expect(fuzz, before.equals(document(kind, id)), "the refused " + action + " changed the stored entry");
            }
        }
    }

    /** What one case came to: its answer, and whether a gateway time-out hid a change the call made. */
    private record Exchange(Answer answer, boolean madeUnseen) {
    }

    /** How a case ended: accepted, refused, or made behind a gateway time-out, so that its answer was never seen. */
    enum Result { ACCEPTED, REFUSED, MADE_UNSEEN }

    /**
     * Sends a case. The gateway answers 503 when a service misses its time limit, which on a machine shared
     * with other test runs says nothing about the body: if the store shows the call had no effect, the case
     * is sent once more (a second time-out is judged like any 5xx); if it had, the effect is judged instead.
     */
    private Exchange exchange(Stats stats, Sent sent, BooleanSupplier storeUnchanged) {
        Answer answer = wire.send(sent);
        if (!answer.isGatewayOutageAnswer()) {
            return new Exchange(answer, false);
        }
        stats.timeOuts++;
        pause(Duration.ofSeconds(2));
        if (storeUnchanged.getAsBoolean()) {
            return new Exchange(wire.send(sent), false);
        }
        return new Exchange(answer, true);
    }

    /**
     * Moves an entry step by step to {@code target} (SUBMITTED, APPROVED or REVOKED), from whatever state the
     * last case left it in; the store says where it is, so a step lost to a time-out is simply taken again.
     */
    private void moveTo(String kind, String id, String ownerToken, String target) {
        for (int step = 0; step < 12; step++) {
            String status = status(kind, id);
            if (status.equals(target)) {
                return;
            }
            Http.Response moved = switch (status) {
                case "DRAFT", "CHANGES_REQUESTED", "REJECTED" -> act(ownerToken, kind, id, "submit", null);
                case "SUBMITTED" -> act(token("reviewer"), kind, id, "review", Map.of("decision", "APPROVE"));
                case "APPROVED" -> act(token("admin"), kind, id, "revoke", Map.of("reason", "fuzzing again"));
                default -> act(token("admin"), kind, id, "reopen", null);
            };
            if (moved.status() != 200) {
                pause(Duration.ofSeconds(1));
            }
        }
        throw new IllegalStateException(kind + " " + id + " did not reach " + target + "; it is " + status(kind, id));
    }

    /** A dev user's token, fetched again after three minutes (tokens live five): password grants are slow by design. */
    private String token(String user) {
        long now = System.nanoTime();
        if (!tokens.containsKey(user) || now - fetched.get(user) > Duration.ofMinutes(3).toNanos()) {
            tokens.put(user, system.token(user));
            fetched.put(user, now);
        }
        return tokens.get(user);
    }

    private String status(String kind, String id) {
        return document(kind, id).getString("status");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
        private int timeOuts;
        private int madeUnseen;

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

        /** Judges one case's answer against its verdict and ResponseChecks. */
        Result judge(Case fuzz, Sent sent, Exchange exchange, Viewer viewer) {
            if (exchange.madeUnseen()) {
                madeUnseen++;
                if (fuzz.verdict() == Verdict.REJECT) {
                    failures.add(fuzz + "\n    a body the rules refuse changed the store (its answer was the gateway's time-out)");
                }
                return Result.MADE_UNSEEN;
            }
            Answer answer = exchange.answer();
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
            return ok ? Result.ACCEPTED : Result.REFUSED;
        }

        void expect(Case fuzz, boolean holds, String what) {
            if (!holds) {
                failures.add(fuzz + "\n    " + what);
            }
        }

        String line() {
            StringBuilder line = new StringBuilder(String.format("%-26s %4d cases in %5.1f s: %4d accepted, %4d refused with 400 %s, %d failures",
                    body, cases, (System.nanoTime() - started) / 1e9, accepted, refused, refusals, failures.size()));
            if (timeOuts > 0) {
                line.append(String.format(" (%d gateway time-outs under load, resent; %d made behind one)", timeOuts, madeUnseen));
            }
            failures.stream().limit(15).forEach(failure -> line.append("\n  FAILURE ").append(failure));
            return line.toString();
        }
    }
}
