package cn.beijing.iip.registry.system.faults;

import static cn.beijing.iip.registry.system.faults.OwnProcesses.READINESS;
import static cn.beijing.iip.registry.system.faults.OwnProcesses.START_LIMIT;
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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.problem.ProblemType;
import cn.beijing.iip.registry.system.faults.Registrations.Attempt;
import cn.beijing.iip.registry.system.support.AppProcess;
import cn.beijing.iip.registry.system.support.RegistrySystem;
import cn.beijing.iip.registry.system.support.SystemTest;

/**
 * A service killed with SIGKILL while enterprises keep registering through the gateway: callers get
 * 503 problem+json at once, never a hang; every entry acknowledged with 201 is in the store; a create
 * that got a 503 is safe to repeat with its Idempotency-Key. Store, service and gateway are this
 * test's own, so the shared system never sees the crash.
 */
class ServiceCrashIT extends SystemTest {

    private static final int CLIENTS = 4;
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @TempDir
    Path data;

    private final OwnProcesses processes = new OwnProcesses();

    ServiceCrashIT(RegistrySystem system) {
        super(system);
    }

    @AfterEach
    void stopOwnProcesses() {
        processes.close();
    }

    @Test
    void keepsEveryAcknowledgedRegistrationWhenAServiceIsKilledMidStream() {
        AppProcess store = processes.store(AppProcess.store(AppProcess.freePort(), data));
        Map<String, String> environment = new LinkedHashMap<>(system.serviceEnvironment());
        environment.put("IIP_STORE_URI", StoreAccess.uri(store));
        AppProcess service = processes.app(AppProcess.app("platform-registry", AppProcess.freePort(), environment));
        AppProcess gateway = processes.app(AppProcess.app("gateway", AppProcess.freePort(),
                system.gatewayEnvironment(Map.of("IIP_PLATFORMS_URL", service.url()))));
        RegistrySystem.Enterprise enterprise = system.newEnterprise("Crash Proof Machinery Co.");
        StoreAccess kept = processes.track(new StoreAccess(store));
        Registrations clients = processes.track(Registrations.through(gateway.url(), "platforms", enterprise.token()));

        Instant began = Instant.now();
        clients.start("Crash Test", CLIENTS);
        await("registrations to flow", PATIENCE, () -> clients.count(Attempt::acknowledged), created -> created >= 50);
        Instant killed = Instant.now();
        service.kill();
        await("callers to be told the service is gone", PATIENCE,
                () -> clients.count(attempt -> attempt.status() == 503 && attempt.sent().isAfter(killed)),
                refused -> refused >= CLIENTS);
        Instant restarting = Instant.now();
        service.start().awaitReady(READINESS, START_LIMIT);
        Instant ready = Instant.now();
        await("registrations to flow again", PATIENCE,
                () -> clients.count(attempt -> attempt.acknowledged() && attempt.sent().isAfter(ready)),
                created -> created >= 50);
        List<Attempt> attempts = clients.stop();
        Duration ran = Duration.between(began, Instant.now());

        List<String> acknowledged = attempts.stream().filter(Attempt::acknowledged).map(Attempt::id).toList();
        Set<String> found = kept.found(EntryKind.PLATFORMS, acknowledged);
        Instant firstCreatedAfterKill = attempts.stream().filter(attempt -> attempt.acknowledged() && attempt.sent().isAfter(killed))
                .map(attempt -> attempt.sent().plus(attempt.took())).min(Instant::compareTo).orElseThrow();
        System.out.printf("service kill: %d creates by %d clients over %s: %s; slowest answer %s (client timeout %s)%n",
                attempts.size(), CLIENTS, seconds(ran), Registrations.outcomes(attempts), seconds(Registrations.slowest(attempts)),
                seconds(Registrations.CLIENT_TIMEOUT));
        System.out.printf("service kill: restart took %s; callers got no 201 for %s after the kill%n",
                seconds(Duration.between(restarting, ready)), seconds(Duration.between(killed, firstCreatedAfterKill)));
        System.out.printf("service kill: acknowledged %d, found in the store %d%n", acknowledged.size(), found.size());

        assertThat(attempts).as("creates that got no answer within the client's %s", Registrations.CLIENT_TIMEOUT)
                .filteredOn(attempt -> !attempt.answered()).isEmpty();
        assertThat(attempts).as("answers other than 201 or the gateway's 503 problem+json")
                .filteredOn(attempt -> attempt.status() != 201 && !attempt.is(503, ProblemType.SERVICE_UNAVAILABLE))
                .isEmpty();
        assertThat(found).as("acknowledged entries kept by the store").containsExactlyInAnyOrderElementsOf(acknowledged);

        // a caller that got a 503 cannot know whether its create was made; repeating it with the same key must tell
        List<Attempt> refused = attempts.stream().filter(attempt -> attempt.status() == 503).toList();
        List<Attempt> repeated = new ArrayList<>();
        for (Attempt attempt : refused) {
            repeated.add(clients.create(attempt.key(), attempt.name()));
        }
        long madeBefore = repeated.stream().filter(attempt -> attempt.status() == 200).count();
        long heldAfterwards = kept.ownedBy(EntryKind.PLATFORMS, enterprise.creditCode());
        System.out.printf("service kill: the %d refused creates repeated with their Idempotency-Key: %s"
                + " (200 = made before the answer was lost); entries held %d for %d distinct keys%n",
                refused.size(), Registrations.outcomes(repeated), heldAfterwards, attempts.size());
        System.out.printf("service kill: %d of the refused creates had been made%n", madeBefore);

        assertThat(repeated).as("refused creates repeated with their key").allSatisfy(attempt ->
                assertThat(attempt.status()).as(attempt.outcome()).isIn(200, 201));
        assertThat(heldAfterwards).as("one entry per Idempotency-Key, none lost and none doubled").isEqualTo(attempts.size());
    }
}
