package cn.beijing.iip.registry.system.faults;

import static cn.beijing.iip.registry.system.faults.OwnProcesses.READINESS;
import static cn.beijing.iip.registry.system.faults.Registrations.seconds;
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
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.problem.ProblemType;
import cn.beijing.iip.registry.system.faults.Registrations.Attempt;
import cn.beijing.iip.registry.system.support.AppProcess;
import cn.beijing.iip.registry.system.support.RegistrySystem;
import cn.beijing.iip.registry.system.support.SystemTest;

/**
 * The store goes away for 20 s while callers keep registering and reading through the gateway, then
 * comes back on the same file and port. Meanwhile every call is answered at once with the service's
 * 503 {@code store-unavailable}: the service is alive and knows what is wrong, so its answer, not the
 * gateway's "service down or too slow", is the one callers and operators should see. Readiness is DOWN,
 * liveness stays UP, the services recover without a restart, and nothing acknowledged is lost.
 * Store, service and gateway are this test's own; both cases run against the same ones, one after the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreStopIT extends SystemTest {

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final int CLIENTS = 3;

    /** How the store goes away: as an operator stops it, or as the kernel kills it. */
    enum StoreFault {
        GRACEFUL_STOP(AppProcess::stop), KILL_9(AppProcess::kill);

        private final Consumer<AppProcess> apply;

        StoreFault(Consumer<AppProcess> apply) {
            this.apply = apply;
        }
    }

    /** What a probe saw at one moment of the outage. */
    private record Probe(Instant at, int readiness, String readinessStatus, int liveness, String livenessStatus,
            String read) {
    }

    // static: JUnit fills instance fields only before each test, after @BeforeAll has started the store
    @TempDir
    static Path data;

    private final OwnProcesses processes = new OwnProcesses();
    private final List<Registrations> startedClients = new ArrayList<>();
    private AppProcess store;
    private AppProcess service;
    private Http outside;
    private Http inside;
    private StoreAccess kept;

    StoreStopIT(RegistrySystem system) {
        super(system);
    }

    @BeforeAll
    void startOwnStoreServiceAndGateway() {
        // a fixed port of this test's own: the store comes back where the service expects it
        store = processes.store(AppProcess.store(AppProcess.freePort(), data));
        Map<String, String> environment = new LinkedHashMap<>(system.serviceEnvironment());
        environment.put("IIP_STORE_URI", StoreAccess.uri(store));
        service = processes.app(AppProcess.app("platform-registry", AppProcess.freePort(), environment));
        AppProcess gateway = processes.app(AppProcess.app("gateway", AppProcess.freePort(),
                system.gatewayEnvironment(Map.of("IIP_PLATFORMS_URL", service.url()))));
        outside = new Http(gateway.url());
        inside = new Http(service.url());
        kept = processes.track(new StoreAccess(store));
    }

    @AfterEach
    void stopClients() {
        // a failed case must not leave its clients calling through the next one
        startedClients.forEach(Registrations::close);
        startedClients.clear();
    }

    @AfterAll
    void stopOwnProcesses() {
        processes.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreFault.class)
    void answersStoreUnavailableWhileTheStoreIsDownAndRecoversWithoutARestart(StoreFault fault) {
        RegistrySystem.Enterprise enterprise = system.newEnterprise("Outage Tolerant Steel Co. " + fault);
        String earlier = expect(outside.post("/api/platforms").token(enterprise.token())
                .json(completeBody("platforms", "Before The Outage")).send(), 201).json().get("id").asString();
        Registrations clients = Registrations.through(outside.base(), "platforms", enterprise.token());
        startedClients.add(clients);
        clients.start(fault + " load", CLIENTS);
        await("registrations to flow", PATIENCE, () -> clients.count(Attempt::acknowledged), created -> created >= 30);

        fault.apply.accept(store);
        Instant down = Instant.now();
        List<Probe> probes = new ArrayList<>();
        while (Instant.now().isBefore(down.plus(OUTAGE))) {
            probes.add(probe(enterprise.token(), earlier));
            sleep(Duration.ofMillis(500));
        }
        Instant restarting = Instant.now();
        restartStore();
        Instant storeBack = Instant.now();
        await("the service to be ready again", PATIENCE, () -> inside.get(READINESS).send().status(), status -> status == 200);
        Instant ready = Instant.now();
        await("registrations to flow again", PATIENCE,
                () -> clients.count(attempt -> attempt.status() == 201 && attempt.sent().isAfter(ready)),
                created -> created >= 20);
        List<Attempt> attempts = clients.stop();

        List<Attempt> duringOutage = attempts.stream().filter(attempt -> attempt.sentBetween(down, restarting)).toList();
        List<String> acknowledged = attempts.stream().filter(Attempt::acknowledged).map(Attempt::id).toList();
        Set<String> found = kept.found(EntryKind.PLATFORMS, acknowledged);
        System.out.printf("store %s: %d creates by %d clients: %s; slowest answer %s (client timeout %s)%n", fault,
                attempts.size(), CLIENTS, Registrations.outcomes(attempts), seconds(Registrations.slowest(attempts)),
                seconds(Registrations.CLIENT_TIMEOUT));
        System.out.printf("store %s: sent and answered while it was down (%s): %s; slowest %s%n", fault,
                seconds(Duration.between(down, restarting)), Registrations.outcomes(duringOutage),
                seconds(Registrations.slowest(duringOutage)));
        System.out.printf("store %s: %d probes while down: readiness %s, liveness %s, reads of an entry %s%n", fault,
                probes.size(), tally(probes, probe -> probe.readiness() + " " + probe.readinessStatus()),
                tally(probes, probe -> probe.liveness() + " " + probe.livenessStatus()), tally(probes, Probe::read));
        System.out.printf("store %s: store answered again %s after its restart began; service ready %s after that,"
                + " without a restart%n", fault, seconds(Duration.between(restarting, storeBack)),
                seconds(Duration.between(storeBack, ready)));
        System.out.printf("store %s: acknowledged %d, found in the store %d%n", fault, acknowledged.size(), found.size());

        assertThat(attempts).as("creates that got no answer within the client's %s", Registrations.CLIENT_TIMEOUT)
                .filteredOn(attempt -> !attempt.answered()).isEmpty();
        assertThat(duringOutage).as("creates sent while the store was down").isNotEmpty()
                .allSatisfy(attempt -> assertThat(attempt.outcome()).isEqualTo("503 store-unavailable"));
        assertThat(attempts).as("answers other than 201 or the service's 503 store-unavailable")
                .filteredOn(attempt -> attempt.status() != 201 && !attempt.is(503, ProblemType.STORE_UNAVAILABLE))
                .isEmpty();
        assertThat(probes).as("what operators and readers saw while the store was down").allSatisfy(probe -> {
            assertThat(probe.readiness() + " " + probe.readinessStatus()).isEqualTo("503 DOWN");
            assertThat(probe.liveness() + " " + probe.livenessStatus()).isEqualTo("200 UP");
            assertThat(probe.read()).isEqualTo("503 store-unavailable");
        });
        assertThat(service.isAlive()).as("the service ran through the outage").isTrue();
        assertThat(found).as("acknowledged entries kept by the store").containsExactlyInAnyOrderElementsOf(acknowledged);
        expect(outside.get("/api/platforms/" + earlier).token(enterprise.token()).send(), 200);

        // a refused create may have been made before the store went away; its key settles it
        List<Attempt> repeated = attempts.stream().filter(attempt -> attempt.status() == 503)
                .map(attempt -> clients.create(attempt.key(), attempt.name())).toList();
        long held = kept.ownedBy(EntryKind.PLATFORMS, enterprise.creditCode());
        System.out.printf("store %s: the refused creates repeated with their Idempotency-Key: %s; entries held %d for"
                + " %d distinct keys and the one made before%n", fault, Registrations.outcomes(repeated), held, attempts.size());
        assertThat(repeated).allSatisfy(attempt -> assertThat(attempt.status()).as(attempt.outcome()).isIn(200, 201));
        assertThat(held).as("one entry per Idempotency-Key, none lost and none doubled").isEqualTo(attempts.size() + 1);
    }

    private Probe probe(String token, String id) {
        Http.Response readiness = inside.get(READINESS).send();
        Http.Response liveness = inside.get("/actuator/health/liveness").send();
        Http.Response read = outside.get("/api/platforms/" + id).token(token).send();
        String readOutcome = read.contentType().startsWith("application/problem+json")
                ? read.status() + " " + read.json().path("type").asString().replace(ProblemType.URI_PREFIX, "")
                : String.valueOf(read.status());
        return new Probe(Instant.now(), readiness.status(), readiness.json().path("status").asString(), liveness.status(),
                liveness.json().path("status").asString(), readOutcome);
    }

    /** Starts the store again on its file and port, and waits until it answers. */
    private void restartStore() {
        store.start();
        await("the store to answer on its port again", Duration.ofSeconds(60), kept::answers, answers -> answers);
    }

    private static Map<String, Long> tally(List<Probe> probes, java.util.function.Function<Probe, String> what) {
        return probes.stream().collect(Collectors.groupingBy(what, TreeMap::new, Collectors.counting()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
