package cn.beijing.iip.registry.system.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.plan.Target;
import cn.beijing.iip.registry.system.support.AppProcess;
import cn.beijing.iip.registry.system.support.PrometheusServer;
import cn.beijing.iip.registry.system.support.RegistrySystem;
import cn.beijing.iip.registry.system.support.StoreFigures;
import cn.beijing.iip.registry.system.support.SystemTest;
import tools.jackson.databind.JsonNode;

/**
 * What operators see on Grafana, proved against a real Prometheus scraping the running registry:
 * Debian's prometheus with deploy/prometheus's jobs, metrics paths and rules, pointed at this run's
 * processes (platform-registry with a second replica, as production runs it), after traffic that
 * touches every panel. Every dashboard query and every recording rule must return data, the alerts
 * must load and stay quiet while all is up, and the plan's progress must read the same in Prometheus,
 * in /api/progress and in the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusIT extends SystemTest {

    /** Scrape and rule-evaluation interval of the test's Prometheus: short, so that nothing waits long. */
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    /** Bound of every wait for Prometheus to catch up; generous, because the machine may be busy. */
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    /** CONTRACT.md: figures may lag the database by at most 15 s. */
    private static final Duration FIGURES_LAG = Duration.ofSeconds(15);

    private AppProcess replica;
    private PrometheusServer prometheus;
    private Instant scrapingSince;
    private final Map<String, Integer> expectedInstances = new TreeMap<>();

    PrometheusIT(RegistrySystem system) {
        super(system);
    }

    @BeforeAll
    void startPrometheusAndMakeTraffic(@TempDir Path temp) {
        replica = system.startExtra(AppProcess.app(EntryKind.PLATFORMS.application(), AppProcess.freePort(),
                system.serviceEnvironment()), "/actuator/health/readiness");
        Map<String, List<String>> targets = new LinkedHashMap<>();
        targets.put(Target.GATEWAY, List.of(address(system.gatewayProcess())));
        for (EntryKind kind : EntryKind.values()) {
            List<String> instances = new ArrayList<>(List.of(address(system.service(kind))));
            if (kind == EntryKind.PLATFORMS) {
                instances.add(address(replica));
            }
            targets.put(kind.application(), instances);
        }
        targets.forEach((job, instances) -> expectedInstances.put(job, instances.size()));

        prometheus = PrometheusServer.start(OperatorFiles.prometheusConfig(targets, INTERVAL), temp, Duration.ofMinutes(1));
        scrapingSince = Instant.now();
        int expectedTargets = targets.values().stream().mapToInt(List::size).sum();
        await("Prometheus to scrape all " + expectedTargets + " targets", CATCH_UP, prometheus::activeTargets,
                active -> active.size() == expectedTargets && active.values().stream()
                        .allMatch(target -> target.path("health").asString().equals("up")));

        // only now: counters and histograms must be scraped before the traffic for rates and increases to see it
        makeTraffic();
    }

    @AfterAll
    void stopPrometheusAndTheReplica() {
        if (prometheus != null) {
            prometheus.stop();
        }
        if (replica != null) {
            replica.stop();
        }
    }

    /**
     * Registrations, submissions, reviews of every decision, client errors and reads on every gateway
     * route. Left to themselves, several panels would be empty or flat here: the review panels need
     * decisions after Prometheus's first scrape (increase and the lead-time quantile read a growth), the
     * backlog and longest-wait panels need submissions left waiting, and the per-route panels need each
     * route's counter to grow between two scrapes, hence the two rounds of reads.
     */
    private void makeTraffic() {
        String reviewer = system.token("reviewer");
        RegistrySystem.Enterprise applicant = system.newEnterprise("Monitored Applicant Co., Ltd.");
        RegistrySystem.Enterprise waiting = system.newEnterprise("Monitored Waiting Co., Ltd.");
        Map<EntryKind, String> approved = new LinkedHashMap<>();
        readEveryRoute(approved);
        await("Prometheus to have scraped every route once", CATCH_UP,
                () -> Series.of(prometheus.query("group by (routeId) (spring_cloud_gateway_requests_seconds_count)")),
                series -> series.size() >= 2 * EntryKind.values().length);

        for (EntryKind kind : EntryKind.values()) {
            String code = kind.code();
            // one entry through every decision: changes requested, rejected, approved on the third try
            String id = create(applicant.token(), code, completeBody(code, "Monitored " + code));
            expect(act(applicant.token(), code, id, "submit", null), 200);
            expect(act(reviewer, code, id, "review", Map.of("decision", "REQUEST_CHANGES",
                    "comment", "name the reference customers")), 200);
            expect(act(applicant.token(), code, id, "submit", null), 200);
            expect(act(reviewer, code, id, "review", Map.of("decision", "REJECT",
                    "comment", "the reference customers do not confirm")), 200);
            expect(act(applicant.token(), code, id, "submit", null), 200);
            expect(act(reviewer, code, id, "review", Map.of("decision", "APPROVE")), 200);
            approved.put(kind, id);

            // a submission left waiting for a reviewer
            String pending = create(waiting.token(), code, completeBody(code, "Waiting " + code));
            expect(act(waiting.token(), code, pending, "submit", null), 200);

            // mistakes clients make: an illegal transition, an unknown filter value, a write without a token
            expectProblem(act(applicant.token(), code, id, "submit", null), 409, "illegal-transition");
            expect(http.get("/api/" + code + "?status=LOST").send(), 400);
            expect(http.post("/api/" + code).json(completeBody(code, "Anonymous")).send(), 401);
        }
        readEveryRoute(approved);
    }

    /** Reads through every route of the gateway: the kinds' APIs (including a miss) and their API documents. */
    private void readEveryRoute(Map<EntryKind, String> approved) {
        for (EntryKind kind : EntryKind.values()) {
            expect(http.get(kind.path()).send(), 200);
            expect(http.get(kind.path() + "/no-such-entry").send(), 404);
            if (approved.containsKey(kind)) {
                expect(http.get(kind.path() + "/" + approved.get(kind)).send(), 200);
            }
            expect(http.get("/api-docs/" + kind.code()).send(), 200);
        }
        expect(http.get("/api/progress").send(), 200);
    }

    @Test
    void answersEveryQueryOfTheDashboardWithData() {
        Duration window = Duration.between(scrapingSince, Instant.now());
        List<DashboardQueries.Query> queries = DashboardQueries.of(OperatorFiles.dashboardJson(), INTERVAL, window);
        Map<String, Consumer<List<Series>>> expectations = panelExpectations();
        assertThat(queries).extracting(DashboardQueries.Query::panel).containsAll(expectations.keySet());

        // one deadline for all, so that several broken queries are all reported without waiting for each
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        Table table = new Table("dashboard query", "type", "series");
        List<String> failures = new ArrayList<>();
        for (DashboardQueries.Query query : queries) {
            Consumer<List<Series>> expectation = expectations.getOrDefault(query.panel(), series -> { });
            String count;
            try {
                count = String.valueOf(eventually(query.label() + ": " + query.expr(), deadline, () -> {
                    List<Series> series = run(query);
                    assertThat(Series.anyDrawable(series)).as("a series with a value to draw").isTrue();
                    // a label the query does not keep would leave the legend blank
                    for (String legendLabel : query.legendLabels()) {
                        assertThat(series.stream().filter(one -> one.label(legendLabel).isEmpty()).map(Series::labels))
                                .as("series whose legend would show a blank {{%s}}", legendLabel).isEmpty();
                    }
                    expectation.accept(series);
                    return series;
                }).size());
            } catch (AssertionError e) {
                failures.add(e.getMessage());
                count = "FAILED";
            }
            table.row(query.label(), query.range() ? "range" : "instant", count);
        }
        table.print();
        assertThat(failures).as("dashboard queries without the data their panel needs").isEmpty();
    }

    /**
     * What an operator would look for on some panels, beyond "not empty": every kind, decision and route
     * the traffic touched, and every instance that runs.
     */
    private Map<String, Consumer<List<Series>>> panelExpectations() {
        Set<String> kinds = codes();
        Set<String> routes = new TreeSet<>();
        for (String kind : kinds) {
            routes.add(kind);
            routes.add(kind + "-api-docs");
        }
        Map<String, Consumer<List<Series>>> expectations = new LinkedHashMap<>();
        expectations.put("Review backlog", series -> assertThat(positive(series, "kind")).containsAll(kinds));
        expectations.put("Longest wait for a review", series -> assertThat(positive(series, "kind")).containsAll(kinds));
        expectations.put("Review lead time, p90 over a day", series -> assertThat(drawn(series, "kind")).containsAll(kinds));
        expectations.put("Approvals", series -> assertThat(positive(series, "kind")).containsAll(kinds));
        expectations.put("Review decisions by outcome", series -> assertThat(positive(series, "decision"))
                .containsAll(List.of("APPROVE", "REJECT", "REQUEST_CHANGES")));
        expectations.put("Requests per route", series -> assertThat(positive(series, "routeId")).containsAll(routes));
        expectations.put("Responses by status class", series -> assertThat(positive(series, "outcome"))
                .contains("SUCCESSFUL", "CLIENT_ERROR"));
        expectations.put("Latency per route, p50 and p99", series -> assertThat(drawn(series, "routeId")).containsAll(routes));
        expectations.put("Instances up", series -> assertThat(instancesUp(series)).isEqualTo(expectedInstances));
        return expectations;
    }

    private static Map<String, Integer> instancesUp(List<Series> series) {
        Map<String, Integer> up = new TreeMap<>();
        series.forEach(one -> up.merge(one.label("job"), (int) one.last(), Integer::sum));
        return up;
    }

    private List<Series> run(DashboardQueries.Query query) {
        return Series.of(query.range() ? prometheus.queryRange(query.expr(), scrapingSince, Instant.now(), INTERVAL)
                : prometheus.query(query.expr()));
    }

    @Test
    void recordsEverySeriesOfTheRecordingRulesFromLiveData() {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        Table table = new Table("recording rule", "expr series", "recorded series");
        List<String> failures = new ArrayList<>();
        for (OperatorFiles.Recording rule : OperatorFiles.recordingRules()) {
            try {
                int[] counts = eventually(rule.record(), deadline, () -> {
                    List<Series> direct = Series.of(prometheus.query(rule.expr()));
                    List<Series> recorded = Series.of(prometheus.query(rule.record()));
                    assertThat(Series.anyDrawable(direct)).as("the expression has a value: %s", rule.expr()).isTrue();
                    assertThat(Series.anyDrawable(recorded)).as("the recorded series has a value").isTrue();
                    assertThat(recorded).extracting(Series::labelsWithoutName)
                            .as("the recorded series are the expression's")
                            .containsExactlyInAnyOrderElementsOf(direct.stream().map(Series::labelsWithoutName).toList());
                    return new int[] {direct.size(), recorded.size()};
                });
                table.row(rule.record(), counts[0], counts[1]);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
                table.row(rule.record(), "FAILED", "FAILED");
            }
        }
        table.print();
        assertThat(failures).as("recording rules without data").isEmpty();
    }

    @Test
    void loadsEveryRuleHealthyAndRaisesNoAlertWhileEverythingIsUp() {
        List<String> recordings = OperatorFiles.recordingRules().stream().map(OperatorFiles.Recording::record).toList();
        List<String> alerts = OperatorFiles.alertNames();

        Map<String, String> states = eventually("every rule evaluated", System.nanoTime() + CATCH_UP.toNanos(), () -> {
            Map<String, String> seen = new TreeMap<>();
            List<String> loaded = new ArrayList<>();
            for (JsonNode group : prometheus.ruleGroups()) {
                for (JsonNode rule : group.path("rules")) {
                    loaded.add(rule.path("name").asString());
                    assertThat(rule.path("health").asString()).as("health of %s: %s", rule.path("name").asString(),
                            rule.path("lastError").asString()).isEqualTo("ok");
                    if (rule.path("type").asString().equals("alerting")) {
                        seen.put(rule.path("name").asString(), rule.path("state").asString());
                    }
                }
            }
            List<String> expected = new ArrayList<>(recordings);
            expected.addAll(alerts);
            assertThat(loaded).containsExactlyInAnyOrderElementsOf(expected);
            return seen;
        });

        Table table = new Table("alert", "state");
        states.forEach(table::row);
        table.print();
        assertThat(states).as("alerts while every instance is up and answering").allSatisfy(
                (alert, state) -> assertThat(state).as(alert).isEqualTo("inactive"));
    }

    @Test
    void agreesWithProgressAndTheStoreWithin15SecondsOfABurstOfApprovals() throws Exception {
        String reviewer = system.token("reviewer");
        List<RegistrySystem.Enterprise> enterprises = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            enterprises.add(system.newEnterprise("Burst Enterprise " + i + " Co., Ltd."));
        }
        // several kinds per enterprise with different revenues, so that the largest per enterprise counts
        record Application(RegistrySystem.Enterprise enterprise, EntryKind kind, String name, long revenue) {
        }
        List<Application> applications = List.of(
                new Application(enterprises.get(0), EntryKind.PLATFORMS, "Burst Cloud One", 900_000_000L),
                new Application(enterprises.get(0), EntryKind.SOLUTION_PROVIDERS, "Burst Solutions One", 200_000_000L),
                new Application(enterprises.get(0), EntryKind.SECURITY_PRODUCTS, "Burst Firewall One", 30_000_000L),
                new Application(enterprises.get(1), EntryKind.SECURITY_PRODUCTS, "Burst Gateway Two", 40_000_000L),
                new Application(enterprises.get(1), EntryKind.SECURITY_PRODUCTS, "Burst Audit Two", 55_000_000L),
                new Application(enterprises.get(2), EntryKind.SOLUTION_PROVIDERS, "Burst Solutions Three", 700_000_000L),
                new Application(enterprises.get(2), EntryKind.PLATFORMS, "Burst Cloud Three", 100_000_000L),
                new Application(enterprises.get(3), EntryKind.PLATFORMS, "Burst Cloud Four", 300_000_000L),
                new Application(enterprises.get(3), EntryKind.SECURITY_PRODUCTS, "Burst Sensor Four", 60_000_000L));
        Map<Application, String> submitted = new LinkedHashMap<>();
        for (Application application : applications) {
            String code = application.kind().code();
            Map<String, Object> body = completeBody(code, application.name());
            body.put("declaredRevenueCny", application.revenue());
            String id = create(application.enterprise().token(), code, body);
            expect(act(application.enterprise().token(), code, id, "submit", null), 200);
            submitted.put(application, id);
        }
        Map<String, Long> before = StoreFigures.count(system).achieved();

        // the burst: every approval at once, one thread each
        try (ExecutorService pool = Executors.newFixedThreadPool(submitted.size())) {
            List<Callable<Integer>> approvals = submitted.entrySet().stream().<Callable<Integer>>map(entry -> () ->
                    act(reviewer, entry.getKey().kind().code(), entry.getValue(), "review",
                            Map.of("decision", "APPROVE")).status()).toList();
            for (Future<Integer> answer : pool.invokeAll(approvals)) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }
        Instant approvedAt = Instant.now();

        Map<String, Long> stored = StoreFigures.count(system).achieved();
        assertThat(stored.get("platforms") - before.get("platforms")).as("platforms approved in the burst").isEqualTo(3);
        assertThat(stored.get("solution-providers") - before.get("solution-providers")).isEqualTo(2);
        assertThat(stored.get("security-products") - before.get("security-products")).isEqualTo(4);
        assertThat(stored.get("security-firms") - before.get("security-firms")).isEqualTo(3);
        assertThat(stored.get("core-industry-revenue") - before.get("core-industry-revenue"))
                .as("the largest revenue of each of the four enterprises").isEqualTo(900_000_000L + 55_000_000L
                        + 700_000_000L + 300_000_000L);

        Map<String, Map<String, Long>> views = readAllThree();
        while (!(views.get("prometheus").equals(views.get("store")) && views.get("api").equals(views.get("store")))
                && Duration.between(approvedAt, Instant.now()).compareTo(FIGURES_LAG) < 0) {
            Thread.sleep(250);
            views = readAllThree();
        }
        Duration agreedAfter = Duration.between(approvedAt, Instant.now());
        Table table = new Table("target", "store", "/api/progress", "prometheus");
        for (String target : views.get("store").keySet()) {
            table.row(target, views.get("store").get(target), views.get("api").get(target), views.get("prometheus").get(target));
        }
        table.print();
        System.out.println("read " + agreedAfter.toMillis() + " ms after the last approval");

        assertThat(views.get("api")).as("/api/progress within %s of the burst", FIGURES_LAG).isEqualTo(views.get("store"));
        assertThat(views.get("prometheus")).as("Prometheus within %s of the burst", FIGURES_LAG).isEqualTo(views.get("store"));
    }

    /** The achieved figure of every target as the store, /api/progress and Prometheus tell it now. */
    private Map<String, Map<String, Long>> readAllThree() {
        Map<String, Long> store = StoreFigures.count(system).achieved();
        Map<String, Long> api = new TreeMap<>();
        for (JsonNode row : expect(http.get("/api/progress").send(), 200).json().get("targets")) {
            api.put(row.get("target").asString(), row.get("achieved").asLong());
        }
        Map<String, Long> scraped = new TreeMap<>();
        // gauges counted from the database read the same on every replica: max across instances, as the rules do
        for (Series series : Series.of(prometheus.query("max by (target) (iip_target_achieved)"))) {
            scraped.put(series.label("target"), Math.round(series.last()));
        }
        return Map.of("store", new TreeMap<>(store), "api", api, "prometheus", scraped);
    }

    /** Last, because it stops a replica that the other tests count as up. */
    @Test
    @Order(Integer.MAX_VALUE)
    void warnsOfAStoppedReplicaWithoutCallingItsServiceDown() {
        String stopped = address(replica);
        replica.stop();

        eventually("IipInstanceDown for " + stopped, System.nanoTime() + CATCH_UP.toNanos(), () -> {
            assertThat(Series.of(prometheus.query("up{instance=\"" + stopped + "\"}")))
                    .singleElement().satisfies(series -> assertThat(series.last()).isZero());
            Map<String, JsonNode> alerts = alertRules();
            assertThat(alerts).containsKeys("IipInstanceDown", "IipServiceDown");
            assertThat(alerts.get("IipInstanceDown").path("state").asString()).isIn("pending", "firing");
            assertThat(alerts.get("IipInstanceDown").path("alerts").values().stream()
                    .map(alert -> alert.path("labels").path("instance").asString())).containsExactly(stopped);
            assertThat(alerts.get("IipServiceDown").path("state").asString()).isEqualTo("inactive");
            // the remaining instance carries the figures on its own
            assertThat(Series.anyDrawable(Series.of(prometheus.query("target:iip_target_achieved:max{target=\"platforms\"}"))))
                    .isTrue();
            return alerts;
        });
    }

    private Map<String, JsonNode> alertRules() {
        Map<String, JsonNode> alerts = new TreeMap<>();
        for (JsonNode group : prometheus.ruleGroups()) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.path("type").asString().equals("alerting")) {
                    alerts.put(rule.path("name").asString(), rule);
                }
            }
        }
        return alerts;
    }

    /** Retries {@code check} until it passes or the deadline ({@link System#nanoTime()}) is past; then fails with its last failure. */
    private static <T> T eventually(String what, long deadline, Supplier<T> check) {
        while (true) {
            try {
                return check.get();
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(what + " did not hold in time: " + e.getMessage(), e);
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Values of {@code label} among series that reach a positive value. */
    private static Set<String> positive(List<Series> series, String label) {
        return series.stream().filter(one -> one.largest() > 0).map(one -> one.label(label))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Values of {@code label} among series with a value to draw. */
    private static Set<String> drawn(List<Series> series, String label) {
        return series.stream().filter(Series::drawable).map(one -> one.label(label))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> codes() {
        return java.util.Arrays.stream(EntryKind.values()).map(EntryKind::code).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String address(AppProcess process) {
        return "127.0.0.1:" + process.port();
    }
}
