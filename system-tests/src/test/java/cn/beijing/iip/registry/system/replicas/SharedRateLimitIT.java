package cn.beijing.iip.registry.system.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.system.support.AppProcess;
import cn.beijing.iip.registry.system.support.RedisServer;
import cn.beijing.iip.registry.system.support.RegistrySystem;
import cn.beijing.iip.registry.system.support.SystemTest;
import cn.beijing.iip.registry.system.support.Token;

/**
 * A caller who alternates between two gateway replicas: with Redis configured, both draw on one
 * budget, so the caller gets about one budget's worth of answers; without it, each gateway keeps its
 * own and the caller gets about twice as much. Both gateways front the shared system's services.
 */
class SharedRateLimitIT extends SystemTest {

    /** Requests per second per caller; a gateway allows bursts of twice that. */
    private static final int RATE = 2;
    private static final Duration WINDOW = Duration.ofSeconds(10);
    /** What one budget allows over the window: a full burst, then the refill. */
    private static final long BUDGET = 2L * RATE + RATE * WINDOW.toSeconds();
    /** Counted for a request that got no answer within the client's time limit. */
    private static final int UNANSWERED = 0;
    /** Enough callers' threads that both gateways' budgets run dry, however slow the machine. */
    private static final int THREADS = 4;

    SharedRateLimitIT(RegistrySystem system) {
        super(system);
    }

    @Test
    void holdsOneBudgetForACallerAcrossGatewaysThatShareRedis() {
        try (RedisServer redis = RedisServer.start()) {
            List<AppProcess> gateways = startGateways(Map.of("IIP_RATE_LIMIT", String.valueOf(RATE), "IIP_REDIS_URL", redis.url()));
            try {
                Token caller = newCaller("Shared Budget Co., Ltd.");
                warmUp(gateways);

                Tally tally = alternate(caller.accessToken(), gateways);

                System.out.printf("rate limit %d/s shared through Redis: %s; one budget over %ds is %d%n", RATE, tally,
                        WINDOW.toSeconds(), BUDGET);
                assertSpent(tally);
                assertThat(tally.allowed()).as("calls let through over %s by both gateways", WINDOW)
                        .isGreaterThanOrEqualTo(BUDGET / 2).isLessThan(BUDGET * 3 / 2);
                for (AppProcess gateway : gateways) {
                    assertThat(tally.refused(gateway)).as("429s from %s", gateway.name()).isPositive();
                }
                String subject = caller.claim("sub").orElseThrow();
                List<String> keys = redis.keys("*" + subject + "*");
                System.out.printf("rate-limiter keys in Redis for the caller: %s%n", keys);
                assertThat(keys).as("the caller's rate-limiter keys in Redis").isNotEmpty()
                        .anySatisfy(key -> assertThat(key).contains("tokens"));
            } finally {
                gateways.forEach(AppProcess::stop);
            }
        }
    }

    @Test
    void givesEachGatewayItsOwnBudgetWithoutRedis() {
        List<AppProcess> gateways = startGateways(Map.of("IIP_RATE_LIMIT", String.valueOf(RATE)));
        try {
            Token caller = newCaller("Separate Budgets Co., Ltd.");
            warmUp(gateways);

            Tally tally = alternate(caller.accessToken(), gateways);

            System.out.printf("rate limit %d/s in each gateway's memory: %s; one budget over %ds is %d%n", RATE, tally,
                    WINDOW.toSeconds(), BUDGET);
            assertSpent(tally);
            assertThat(tally.allowed()).as("calls let through over %s by both gateways", WINDOW).isGreaterThan(BUDGET * 3 / 2);
            for (AppProcess gateway : gateways) {
                assertThat(tally.refused(gateway)).as("429s from %s", gateway.name()).isPositive();
            }
        } finally {
            gateways.forEach(AppProcess::stop);
        }
    }

    private List<AppProcess> startGateways(Map<String, String> settings) {
        List<AppProcess> gateways = List.of(
                AppProcess.app("gateway", AppProcess.freePort(), system.gatewayEnvironment(settings)),
                AppProcess.app("gateway", AppProcess.freePort(), system.gatewayEnvironment(settings)));
        try (ExecutorService starting = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<AppProcess>> started = gateways.stream()
                    .map(gateway -> starting.submit(() -> system.startExtra(gateway, "/actuator/health/readiness"))).toList();
            for (Future<AppProcess> start : started) {
                start.get();
            }
        } catch (Exception e) {
            gateways.forEach(AppProcess::stop);
            throw new IllegalStateException("the gateways did not start", e);
        }
        return gateways;
    }

    /** A caller of its own, so that no other test has spent from its budget. */
    private Token newCaller(String name) {
        RegistrySystem.Enterprise enterprise = system.newEnterprise(name);
        return system.keycloak().password(enterprise.username(), enterprise.username());
    }

    /**
     * Another caller's calls through each gateway until one comes back from the service, so that the window
     * does not begin with a gateway's first token check (which fetches Keycloak's keys), its first Redis
     * connection, its first connection to the service or cold code.
     */
    private void warmUp(List<AppProcess> gateways) {
        String other = system.token("enterprise-b");
        for (AppProcess gateway : gateways) {
            Http front = new Http(gateway.url());
            await(gateway.name() + " to answer from the service", Duration.ofMinutes(2),
                    () -> front.get("/api/platforms?size=1").token(other).send().status(), status -> status == 200);
        }
    }

    /**
     * The caller sent enough to spend both gateways' budgets, and got only what a rate limit gives: 200s,
     * 429s, and 503s where the limit let a call through to a service that was slow on this busy machine.
     */
    private static void assertSpent(Tally tally) {
        assertThat(tally.others()).as("answers other than 200, 429 and 503: %s", tally).isZero();
        // a machine this busy may now and then leave a request unanswered: a few do not change what was let through
        assertThat(tally.unanswered()).as("requests without an answer").isLessThanOrEqualTo(tally.sent() / 20);
        assertThat(tally.sent()).as("requests sent: enough to spend two budgets").isGreaterThan(4 * BUDGET);
    }

    /** Lists platforms as fast as {@link #THREADS} threads can, each alternating between the gateways, for {@link #WINDOW}. */
    private static Tally alternate(String token, List<AppProcess> gateways) {
        Tally tally = new Tally(gateways);
        long deadline = System.nanoTime() + WINDOW.toNanos();
        ExecutorService callers = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                running.add(callers.submit(() -> {
                    List<Http> fronts = gateways.stream().map(gateway -> new Http(gateway.url())).toList();
                    for (int i = first; System.nanoTime() < deadline; i++) {
                        int g = i % gateways.size();
                        try {
                            tally.add(gateways.get(g), fronts.get(g).get("/api/platforms?size=1").token(token).send().status());
                        } catch (IllegalStateException e) {
                            tally.add(gateways.get(g), UNANSWERED);
                        }
                    }
                }));
            }
            for (Future<?> caller : running) {
                caller.get();
            }
        } catch (Exception e) {
            throw new AssertionError("the caller's requests failed", e);
        } finally {
            callers.shutdownNow();
        }
        return tally;
    }

    /** The answers the caller got, by gateway and status. */
    private static final class Tally {

        private final Map<String, Map<Integer, AtomicLong>> counts = new ConcurrentHashMap<>();

        Tally(List<AppProcess> gateways) {
            gateways.forEach(gateway -> counts.put(gateway.name(), new ConcurrentHashMap<>()));
        }

        void add(AppProcess gateway, int status) {
            counts.get(gateway.name()).computeIfAbsent(status, key -> new AtomicLong()).incrementAndGet();
        }

        long sent() {
            return counts.values().stream().flatMap(byStatus -> byStatus.values().stream()).mapToLong(AtomicLong::get).sum();
        }

        /** The calls the limit let through: answered, and not with 429. */
        long allowed() {
            return sent() - status(429) - unanswered();
        }

        long others() {
            return allowed() - status(200) - status(503);
        }

        long unanswered() {
            return status(UNANSWERED);
        }

        long refused(AppProcess gateway) {
            AtomicLong refused = counts.get(gateway.name()).get(429);
            return refused == null ? 0 : refused.get();
        }

        private long status(int status) {
            return counts.values().stream().map(byStatus -> byStatus.get(status)).filter(java.util.Objects::nonNull)
                    .mapToLong(AtomicLong::get).sum();
        }

        @Override
        public String toString() {
            return sent() + " requests, " + allowed() + " let through (" + status(200) + " answered 200, " + status(503)
                    + " 503), " + status(429) + " answered 429, " + unanswered() + " unanswered; by gateway (0 = unanswered) "
                    + counts;
        }
    }
}
