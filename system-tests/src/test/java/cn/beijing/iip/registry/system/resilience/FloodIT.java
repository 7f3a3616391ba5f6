package cn.beijing.iip.registry.system.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.system.support.AppProcess;
import cn.beijing.iip.registry.system.support.RegistrySystem;
import cn.beijing.iip.registry.system.support.SystemTest;

/** A caller that floods the gateway gets 429 problem+json with Retry-After; others are not held back. */
class FloodIT extends SystemTest {

    FloodIT(RegistrySystem system) {
        super(system);
    }

    @Test
    void answers429ToAFloodingCallerAndKeepsServingOthers() {
        AppProcess gateway = system.startExtra(AppProcess.app("gateway", AppProcess.freePort(),
                system.gatewayEnvironment(Map.of("IIP_RATE_LIMIT", "5"))), "/actuator/health/readiness");
        Http limited = new Http(gateway.url());
        String flooder = system.token("enterprise-a");
        String bystander = system.token("enterprise-b");

        List<Http.Response> responses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            responses.add(limited.get("/api/platforms").token(flooder).send());
        }

        Http.Response refused = responses.stream().filter(response -> response.status() == 429).findFirst()
                .orElseThrow(() -> new AssertionError("no 429 among " + responses.size() + " requests"));
        expectProblem(refused, 429, "rate-limited");
        assertThat(refused.header("Retry-After")).contains("1");
        assertThat(responses.stream().filter(response -> response.status() == 200).count()).isGreaterThanOrEqualTo(10);
        expect(limited.get("/api/platforms").token(bystander).send(), 200);
    }
}
