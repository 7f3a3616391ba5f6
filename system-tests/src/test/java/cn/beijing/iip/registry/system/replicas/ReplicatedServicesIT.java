package cn.beijing.iip.registry.system.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.system.support.AppProcess;
import cn.beijing.iip.registry.system.support.RegistrySystem;
import cn.beijing.iip.registry.system.support.StoreFigures;
import cn.beijing.iip.registry.system.support.SystemTest;
import tools.jackson.databind.JsonNode;

/**
 * Two replicas of each service on the one store, behind two gateways whose routes balance over both:
 * requests spread over the replicas, racing writes through different gateways and replicas still
 * leave one entry per name and one decision per entry, every replica and gateway reports the figures
 * the store holds, and a replica that stops goes unnoticed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedServicesIT extends SystemTest {

    private static final String READY = "/actuator/health/readiness";
    /** CONTRACT: figures may lag the database by at most 15 s. */
    private static final Duration FIGURES_LAG = Duration.ofSeconds(15);
    /** Enough parallel callers that requests overlap on every replica, few enough for a shared two-core machine. */
    private static final int CALLERS = 8;
    private static final int ENTERPRISES = 6;
    private static final int NAMES_PER_KIND = 3;
    /** How often a client tries again after a 503, waiting as Retry-After says. */
    private static final int PATIENCE = 5;

    private final Map<EntryKind, List<AppProcess>> replicas = new EnumMap<>(EntryKind.class);
    private final List<AppProcess> gateways = new ArrayList<>();
    private final List<Http> fronts = new ArrayList<>();

    ReplicatedServicesIT(RegistrySystem system) {
        super(system);
    }

    @BeforeAll
    void startTwoReplicasOfEachServiceBehindTwoGateways() throws Exception {
        Map<String, String> routes = new LinkedHashMap<>();
        for (EntryKind kind : EntryKind.values()) {
            List<AppProcess> pair = List.of(
                    AppProcess.app(kind.application(), AppProcess.freePort(), system.serviceEnvironment()),
                    AppProcess.app(kind.application(), AppProcess.freePort(), system.serviceEnvironment()));
            replicas.put(kind, pair);
            routes.put("IIP_" + kind.code().toUpperCase(Locale.ROOT).replace('-', '_') + "_URL",
                    pair.stream().map(AppProcess::url).collect(Collectors.joining(",")));
        }
        for (int i = 0; i < 2; i++) {
            gateways.add(AppProcess.app("gateway", AppProcess.freePort(), system.gatewayEnvironment(routes)));
        }
        // two at a time, one per core: eight at once starve each other past the start limit on a busy machine
        List<AppProcess> all = processes();
        for (int i = 0; i < all.size(); i += 2) {
            try (ExecutorService starting = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<AppProcess>> started = new ArrayList<>();
                for (AppProcess process : all.subList(i, Math.min(i + 2, all.size()))) {
                    started.add(starting.submit(() -> system.startExtra(process, READY)));
                }
                for (Future<AppProcess> start : started) {
                    start.get();
                }
            }
        }
        gateways.forEach(gateway -> fronts.add(new Http(gateway.url())));
    }

    @AfterAll
    void stopReplicasAndGateways() {
        // the tests that follow get the machine back; the system would stop them only at the end of the run
        processes().forEach(AppProcess::stop);
    }

    @Test
    @Order(1)
    void spreadsEachServicesRequestsOverBothOfItsReplicas() {
        Map<String, Double> before = new LinkedHashMap<>();
        allReplicas().forEach(replica -> before.put(replica.name(), apiRequests(replica)));
        int perGateway = 20;
        Map<EntryKind, Integer> sent = new EnumMap<>(EntryKind.class);
        Map<EntryKind, Integer> unavailable = new EnumMap<>(EntryKind.class);
        for (EntryKind kind : EntryKind.values()) {
            for (Http front : fronts) {
                for (int i = 0; i < perGateway; i++) {
                    Answer answer = patiently(() -> front.get("/api/" + kind.code() + "?size=1").send());
                    expect(answer.response(), 200);
                    sent.merge(kind, 1 + answer.unavailable(), Integer::sum);
                    unavailable.merge(kind, answer.unavailable(), Integer::sum);
                }
            }
        }

        for (EntryKind kind : EntryKind.values()) {
            int requests = sent.get(kind);
            // a 503 may come from an open breaker, which calls no replica: those requests may be missing
            int atLeast = requests - unavailable.get(kind);
            // a request is counted once its response is written: the last ones may show a moment later
            Map<String, Long> served = await("every " + kind.code() + " request counted by a replica",
                    Duration.ofSeconds(30), () -> servedSince(before, replicas.get(kind)),
                    counts -> counts.values().stream().mapToLong(Long::longValue).sum() >= atLeast);
            System.out.printf("balance %s: %d requests through %d gateways (%d answered 503 and were sent again),"
                    + " served by %s%n", kind.code(), requests, fronts.size(), unavailable.get(kind), served);
            assertThat(served.values().stream().mapToLong(Long::longValue).sum()).as("each request served once")
                    .isBetween((long) atLeast, (long) requests);
            served.forEach((replica, count) -> assertThat(count).as("requests %s served of %d", replica, requests)
                    .isGreaterThanOrEqualTo(atLeast / 4L));
        }
    }

    @Test
    @Order(2)
    void keepsOneEntryPerNameAndOneDecisionPerEntryWhenCallersRaceThroughBothGateways() {
        List<RegistrySystem.Enterprise> enterprises = new ArrayList<>();
        for (int i = 0; i < ENTERPRISES; i++) {
            enterprises.add(system.newEnterprise("Replica Load " + i + " Co., Ltd."));
        }

        // every create is sent three times with one Idempotency-Key, through both gateways at once, as a
        // client does that retries after a timeout; a second create of the same name without a key races it
        List<Planned> planned = new ArrayList<>();
        List<List<Callable<Http.Response>>> creates = new ArrayList<>();
        for (RegistrySystem.Enterprise enterprise : enterprises) {
            for (EntryKind kind : EntryKind.values()) {
                int names = kind == EntryKind.SOLUTION_PROVIDERS ? 1 : NAMES_PER_KIND;
                for (int n = 1; n <= names; n++) {
                    String name = "Replica " + kind.code() + " " + enterprise.username() + " " + n;
                    String key = UUID.randomUUID().toString();
                    planned.add(new Planned(kind, enterprise, name, true));
                    creates.add(racers(3, front -> front.post("/api/" + kind.code()).token(enterprise.token())
                            .header("Idempotency-Key", key).json(completeBody(kind.code(), name)).send()));
                }
            }
            String rival = "Replica rival " + enterprise.username();
            planned.add(new Planned(EntryKind.PLATFORMS, enterprise, rival, false));
            creates.add(racers(2, front -> front.post("/api/platforms").token(enterprise.token())
                    .json(completeBody("platforms", rival)).send()));
        }
        List<List<Answer>> created = race(creates);

        List<Registered> registered = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            Planned plan = planned.get(i);
            List<Answer> answers = created.get(i);
            if (plan.keyed()) {
                assertThat(answers).as("retries of %s", plan.name())
                        .allSatisfy(answer -> assertThat(answer.status()).as("%s", answer).isIn(200, 201));
                assertThat(answers.stream().map(answer -> answer.response().json().get("id").asString()).distinct())
                        .as("ids the retries of %s answered with", plan.name()).hasSize(1);
            } else {
                assertThat(answers).as("racing creates of %s", plan.name())
                        .allSatisfy(answer -> assertThat(answer.status()).as("%s", answer).isIn(201, 409));
                assertThat(answers.stream().filter(answer -> answer.status() == 201)).as("racing creates of %s: %s",
                        plan.name(), answers).hasSizeBetween(unnoticed(answers) ? 1 : 0, 1);
                answers.stream().filter(answer -> answer.status() == 409)
                        .forEach(answer -> expectProblem(answer.response(), 409, "duplicate-name"));
            }
            registered.add(new Registered(plan, storedId(plan)));
        }
        System.out.printf("creates: %d sent for %d entries, %s%n", sentCount(created), registered.size(), statuses(created));

        for (EntryKind kind : EntryKind.values()) {
            assertThat(duplicateNames(kind)).as("names held twice by one enterprise among %s", kind.code()).isEmpty();
            for (RegistrySystem.Enterprise enterprise : enterprises) {
                List<String> ids = registered.stream()
                        .filter(entry -> entry.plan().kind() == kind && entry.plan().owner() == enterprise)
                        .map(Registered::id).toList();
                assertThat(storedIds(kind, enterprise.creditCode())).as("%s of %s in the store", kind.code(),
                        enterprise.name()).containsExactlyInAnyOrderElementsOf(ids);
            }
        }

        // a submit clicked twice, each click through another gateway: one goes through, the other is refused
        List<List<Answer>> submits = race(registered.stream()
                .map(entry -> racers(2, front -> front.post(path(entry) + "/submit").token(entry.plan().owner().token()).send()))
                .toList());
        for (int i = 0; i < registered.size(); i++) {
            Registered entry = registered.get(i);
            assertOneWinner("racing submits of " + entry.plan().name(), submits.get(i));
            assertThat(StoreFigures.find(system, entry.plan().kind(), entry.id()).getString("status"))
                    .as("stored status of %s", entry.plan().name()).isEqualTo("SUBMITTED");
        }
        System.out.printf("submits: %d sent for %d entries, %s%n", sentCount(submits), registered.size(), statuses(submits));

        // three reviewers' decisions on each submitted entry at the same moment, through both gateways
        Map<String, Double> decisionsBefore = decisionsCounted();
        String reviewer = system.token("reviewer");
        String admin = system.token("admin");
        List<Map<String, String>> decisions = List.of(
                Map.of("decision", "APPROVE"),
                Map.of("decision", "REJECT", "comment", "revenue not evidenced"),
                Map.of("decision", "REQUEST_CHANGES", "comment", "name the reference customers"));
        List<String> reviewers = List.of(reviewer, admin, reviewer);
        List<List<Callable<Http.Response>>> reviews = new ArrayList<>();
        for (int i = 0; i < registered.size(); i++) {
            Registered entry = registered.get(i);
            List<Callable<Http.Response>> racers = new ArrayList<>();
            for (int r = 0; r < decisions.size(); r++) {
                Http front = fronts.get((i + r) % fronts.size());
                String token = reviewers.get(r);
                Map<String, String> decision = decisions.get(r);
                racers.add(() -> front.post(path(entry) + "/review").token(token).json(decision).send());
            }
            reviews.add(racers);
        }
        List<List<Answer>> reviewed = race(reviews);

        for (int i = 0; i < registered.size(); i++) {
            Registered entry = registered.get(i);
            List<Answer> answers = reviewed.get(i);
            assertOneWinner("racing reviews of " + entry.plan().name(), answers);
            Document stored = StoreFigures.find(system, entry.plan().kind(), entry.id());
            String decided = stored.getString("status");
            answers.stream().filter(answer -> answer.status() == 200).forEach(winner -> assertThat(decided)
                    .as("stored status of %s", entry.plan().name()).isEqualTo(winner.response().json().get("status").asString()));
            List<Document> history = stored.getList("history", Document.class);
            assertThat(history.stream().filter(row -> "SUBMITTED".equals(row.getString("from"))).map(row -> row.getString("to")))
                    .as("decisions in the history of %s", entry.plan().name()).containsExactly(decided);
            assertThat(history.stream().map(row -> row.getString("to")))
                    .as("history of %s", entry.plan().name()).containsExactly("DRAFT", "SUBMITTED", decided);
        }
        System.out.printf("reviews: %d sent for %d entries, %s%n", sentCount(reviewed), registered.size(), statuses(reviewed));

        Map<String, Double> decisionsAfter = decisionsCounted();
        for (EntryKind kind : EntryKind.values()) {
            long entries = registered.stream().filter(entry -> entry.plan().kind() == kind).count();
            Map<String, Long> counted = new LinkedHashMap<>();
            replicas.get(kind).forEach(replica -> counted.put(replica.name(),
                    Math.round(decisionsAfter.get(replica.name()) - decisionsBefore.get(replica.name()))));
            System.out.printf("decisions on %d %s entries, counted by the replicas: %s%n", entries, kind.code(), counted);
            assertThat(counted.values().stream().mapToLong(Long::longValue).sum())
                    .as("iip_review_decisions_total of %s over both replicas", kind.code()).isEqualTo(entries);
        }
    }

    // each test stands alone; this one comes after the racing load so that it compares the figures that load left
    @Test
    @Order(3)
    void everyReplicaAndGatewayReportsTheFiguresTheStoreHolds() {
        // change every figure first, so that agreement cannot be left over from before
        RegistrySystem.Enterprise enterprise = system.newEnterprise("Replica Figures Co., Ltd.");
        StoreFigures before = StoreFigures.count(system);
        for (EntryKind kind : EntryKind.values()) {
            Http owners = fronts.get(0);
            Http reviewers = fronts.get(1);
            String key = UUID.randomUUID().toString();
            Answer created = patiently(() -> owners.post("/api/" + kind.code()).token(enterprise.token())
                    .header("Idempotency-Key", key).json(completeBody(kind.code(), "Replica figures " + kind.code())).send());
            assertThat(created.status()).as("%s", created).isIn(200, 201);
            String id = created.response().json().get("id").asString();
            assertOneWinner("submit", List.of(patiently(() ->
                    reviewers.post("/api/" + kind.code() + "/" + id + "/submit").token(enterprise.token()).send())));
            assertOneWinner("approval", List.of(patiently(() -> owners.post("/api/" + kind.code() + "/" + id + "/review")
                    .token(system.token("reviewer")).json(Map.of("decision", "APPROVE")).send())));
        }

        List<String> disagreements = await("every replica and gateway to report what the store holds", FIGURES_LAG,
                this::disagreements, List::isEmpty);

        StoreFigures after = StoreFigures.count(system);
        System.out.printf("agreement: 6 replicas and 2 gateways report the store's figures %s, entries %s%n",
                after.achieved(), after.entries());
        assertThat(disagreements).isEmpty();
        for (String target : List.of("platforms", "solution-providers", "security-products", "security-firms")) {
            assertThat(after.achieved(target)).as(target).isEqualTo(before.achieved(target) + 1);
        }
        assertThat(after.achieved(StoreFigures.REVENUE)).isGreaterThan(before.achieved(StoreFigures.REVENUE));
    }

    // last: it stops a replica for good
    @Test
    @Order(4)
    void keepsAnsweringReadsAndWritesThroughTheOtherReplicaWhileOneIsDown() {
        // the first listed replica: the gateways also ask it first for the figures behind /api/progress
        AppProcess down = replicas.get(EntryKind.PLATFORMS).get(0);
        AppProcess up = replicas.get(EntryKind.PLATFORMS).get(1);
        RegistrySystem.Enterprise enterprise = system.newEnterprise("Replica Down Co., Ltd.");
        down.stop();

        // one call at a time and never tried again: every other one goes to the stopped replica first
        Map<Integer, Long> statuses = new TreeMap<>();
        int writes = 0;
        for (Http front : fronts) {
            for (int i = 0; i < 10; i++) {
                statuses.merge(front.get("/api/platforms?size=1").send().status(), 1L, Long::sum);
                statuses.merge(front.post("/api/platforms").token(enterprise.token())
                        .json(completeBody("platforms", "Replica down " + writes++)).send().status(), 1L, Long::sum);
            }
        }

        System.out.printf("one platforms replica down: %d reads and %d creates through both gateways answered %s%n",
                writes, writes, statuses);
        assertThat(statuses).as("answers while %s is down", down.name()).containsOnlyKeys(200, 201)
                .containsEntry(200, (long) writes).containsEntry(201, (long) writes);
        assertThat(system.entries(EntryKind.PLATFORMS).countDocuments(Filters.eq("owner.creditCode", enterprise.creditCode())))
                .as("entries created while a replica was down").isEqualTo(writes);
        await("/api/progress to count the new drafts from the replica still up", FIGURES_LAG,
                () -> fronts.stream().map(front -> front.get("/api/progress").send().json()).toList(),
                answers -> answers.stream().allMatch(progress -> progressCountsStore(progress, EntryKind.PLATFORMS)));
        assertThat(up.isAlive()).isTrue();
    }

    /** Whether a /api/progress answer has the kind's rows available and its entries as the store counts them. */
    private boolean progressCountsStore(JsonNode progress, EntryKind kind) {
        StoreFigures store = StoreFigures.count(system);
        for (JsonNode row : progress.get("targets")) {
            if (StoreFigures.TARGETS.get(kind).contains(row.get("target").asString()) && !row.get("available").asBoolean()) {
                return false;
            }
        }
        return StoreFigures.STATUSES.stream().allMatch(status ->
                progress.path("entries").path(kind.code()).path(status).asLong(-1) == store.entries(kind, status));
    }

    /** What differs between the store's figures and each replica's gauges, each gateway's progress and gauges. */
    private List<String> disagreements() {
        StoreFigures store = StoreFigures.count(system);
        List<String> differences = new ArrayList<>();
        Map<String, Double> goals = new LinkedHashMap<>();
        for (EntryKind kind : EntryKind.values()) {
            for (AppProcess replica : replicas.get(kind)) {
                Scrape scrape = Scrape.of(replica);
                for (String status : StoreFigures.STATUSES) {
                    compare(differences, replica.name() + " iip_entries{" + kind.code() + "," + status + "}",
                            scrape.value("iip_entries", Map.of("kind", kind.code(), "status", status)), store.entries(kind, status));
                }
                for (String target : StoreFigures.TARGETS.get(kind)) {
                    compare(differences, replica.name() + " iip_target_achieved{" + target + "}",
                            scrape.value("iip_target_achieved", Map.of("target", target)), store.achieved(target));
                    double goal = scrape.value("iip_target_goal", Map.of("target", target));
                    Double other = goals.putIfAbsent(target, goal);
                    if (other != null && other != goal) {
                        differences.add(replica.name() + " iip_target_goal{" + target + "} " + goal + " where another replica has " + other);
                    }
                }
            }
        }
        for (AppProcess gateway : gateways) {
            Scrape scrape = Scrape.of(gateway);
            compare(differences, gateway.name() + " iip_target_achieved{" + StoreFigures.REVENUE + "}",
                    scrape.value("iip_target_achieved", Map.of("target", StoreFigures.REVENUE)), store.achieved(StoreFigures.REVENUE));
            JsonNode progress = new Http(gateway.url()).get("/api/progress").send().json();
            for (JsonNode row : progress.get("targets")) {
                String target = row.get("target").asString();
                compare(differences, gateway.name() + " /api/progress " + target, row.get("achieved").asDouble(),
                        store.achieved(target));
                if (!row.get("available").asBoolean()) {
                    differences.add(gateway.name() + " /api/progress " + target + " unavailable");
                }
                if (goals.containsKey(target) && goals.get(target) != row.get("goal").asDouble()) {
                    differences.add(gateway.name() + " /api/progress goal of " + target + " " + row.get("goal")
                            + " where the replicas have " + goals.get(target));
                }
            }
            for (EntryKind kind : EntryKind.values()) {
                for (String status : StoreFigures.STATUSES) {
                    compare(differences, gateway.name() + " /api/progress entries " + kind.code() + " " + status,
                            progress.path("entries").path(kind.code()).path(status).asDouble(Double.NaN),
                            store.entries(kind, status));
                }
            }
        }
        return differences;
    }

    private static void compare(List<String> differences, String what, double reported, long stored) {
        if (reported != stored) {
            differences.add(what + " = " + reported + ", the store " + stored);
        }
    }

    /**
     * What a client gets that tries a 503 again, waiting as Retry-After says: under load a gateway may give
     * up on a slow service (its time limit) after the service took the call, and a client cannot tell.
     */
    private record Answer(Http.Response response, int unavailable) {

        int status() {
            return response.status();
        }

        @Override
        public String toString() {
            return unavailable == 0 ? response.toString() : response + " after " + unavailable + " × 503";
        }
    }

    private static Answer patiently(Callable<Http.Response> call) {
        try {
            Http.Response response = call.call();
            int unavailable = 0;
            while (response.status() == 503 && unavailable < PATIENCE) {
                unavailable++;
                long seconds = response.header("Retry-After").map(Long::parseLong).orElse(1L);
                Thread.sleep(Duration.ofSeconds(Math.min(seconds, 5)));
                response = call.call();
            }
            return new Answer(response, unavailable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** No racer saw a 503, so each knows whether its own call went through. */
    private static boolean unnoticed(List<Answer> answers) {
        return answers.stream().allMatch(answer -> answer.unavailable() == 0);
    }

    /**
     * Racers of one change: exactly one goes through and the others get 409; where a 503 hid whether a
     * call went through, its retry gets 409 too, so then at most one 200 shows.
     */
    private static void assertOneWinner(String what, List<Answer> answers) {
        assertThat(answers).as(what).allSatisfy(answer -> assertThat(answer.status()).as("%s", answer).isIn(200, 409));
        assertThat(answers.stream().filter(answer -> answer.status() == 200)).as("%s: %s", what, answers)
                .hasSizeBetween(unnoticed(answers) ? 1 : 0, 1);
    }

    /** One racer per gateway in turn, each sending what {@code call} sends through its gateway. */
    private List<Callable<Http.Response>> racers(int count, Function<Http, Http.Response> call) {
        List<Callable<Http.Response>> racers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Http front = fronts.get(i % fronts.size());
            racers.add(() -> call.apply(front));
        }
        return racers;
    }

    /**
     * Runs every group's racers on a pool of {@link #CALLERS} threads; a group's racers start together
     * (they wait for each other), groups overlap. Answers come back in the groups' order.
     */
    private static List<List<Answer>> race(List<List<Callable<Http.Response>>> groups) {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            List<List<Future<Answer>>> running = new ArrayList<>();
            for (List<Callable<Http.Response>> group : groups) {
                // the pool takes groups in order and is larger than any group, so a group's racers all get a thread
                CountDownLatch together = new CountDownLatch(group.size());
                List<Future<Answer>> futures = new ArrayList<>();
                for (Callable<Http.Response> racer : group) {
                    futures.add(pool.submit(() -> {
                        together.countDown();
                        together.await(60, TimeUnit.SECONDS);
                        return patiently(racer);
                    }));
                }
                running.add(futures);
            }
            List<List<Answer>> answers = new ArrayList<>();
            for (List<Future<Answer>> futures : running) {
                List<Answer> group = new ArrayList<>();
                for (Future<Answer> future : futures) {
                    group.add(future.get(5, TimeUnit.MINUTES));
                }
                answers.add(group);
            }
            return answers;
        } catch (ExecutionException e) {
            throw new AssertionError("a racing request failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("racing requests did not finish", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The id of the one entry the store holds for a planned name. */
    private String storedId(Planned plan) {
        List<String> ids = system.entries(plan.kind()).find(Filters.and(Filters.eq("owner.creditCode", plan.owner().creditCode()),
                Filters.eq("nameKey", plan.name().toLowerCase(Locale.ROOT)))).map(document -> document.getString("_id"))
                .into(new ArrayList<>());
        assertThat(ids).as("entries named %s in the store", plan.name()).hasSize(1);
        return ids.getFirst();
    }

    /** Owner and name keys that more than one entry of a kind holds, anywhere in the store. */
    private List<Document> duplicateNames(EntryKind kind) {
        return system.entries(kind).aggregate(List.of(
                Aggregates.group(new Document("owner", "$owner.creditCode").append("name", "$nameKey"), Accumulators.sum("n", 1)),
                Aggregates.match(Filters.gt("n", 1)))).into(new ArrayList<>());
    }

    private List<String> storedIds(EntryKind kind, String creditCode) {
        return system.entries(kind).find(Filters.eq("owner.creditCode", creditCode))
                .map(document -> document.getString("_id")).into(new ArrayList<>());
    }

    /** Each replica's iip_review_decisions_total of its kind, by replica. */
    private Map<String, Double> decisionsCounted() {
        Map<String, Double> counted = new LinkedHashMap<>();
        replicas.forEach((kind, pair) -> pair.forEach(replica -> counted.put(replica.name(),
                Scrape.of(replica).sum("iip_review_decisions_total", labels -> kind.code().equals(labels.get("kind"))))));
        return counted;
    }

    /** The API requests a replica has answered, by its own count (its scrapes and figure polls left out). */
    private static double apiRequests(AppProcess replica) {
        return Scrape.of(replica).sum("http_server_requests_seconds_count",
                labels -> labels.getOrDefault("uri", "").startsWith("/api/"));
    }

    private static Map<String, Long> servedSince(Map<String, Double> before, List<AppProcess> pair) {
        Map<String, Long> served = new LinkedHashMap<>();
        pair.forEach(replica -> served.put(replica.name(), Math.round(apiRequests(replica) - before.get(replica.name()))));
        return served;
    }

    private static long sentCount(List<List<Answer>> answers) {
        return answers.stream().flatMap(List::stream).mapToLong(answer -> 1 + answer.unavailable()).sum();
    }

    /** The final answers by status, and how many 503s were tried again. */
    private static String statuses(List<List<Answer>> answers) {
        Map<Integer, Long> byStatus = answers.stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
        long unavailable = answers.stream().flatMap(List::stream).mapToLong(Answer::unavailable).sum();
        return "final answers " + byStatus + ", 503s tried again " + unavailable;
    }

    private static String path(Registered entry) {
        return "/api/" + entry.plan().kind().code() + "/" + entry.id();
    }

    private List<AppProcess> allReplicas() {
        return replicas.values().stream().flatMap(List::stream).toList();
    }

    private List<AppProcess> processes() {
        List<AppProcess> all = new ArrayList<>(allReplicas());
        all.addAll(gateways);
        return all;
    }

    /** An entry the test means to create: keyed creates are retried, the others race a namesake. */
    private record Planned(EntryKind kind, RegistrySystem.Enterprise owner, String name, boolean keyed) {
    }

    private record Registered(Planned plan, String id) {
    }
}
