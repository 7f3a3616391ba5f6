package cn.beijing.iip.registry.system.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.system.support.AppProcess;
import cn.beijing.iip.registry.system.support.RegistrySystem;
import cn.beijing.iip.registry.system.support.SystemTest;

/**
 * A service that stops: its calls answer 503 problem+json through the gateway, its progress rows turn
 * unavailable while the rest still answer, and everything flows again once it is back. The service and
 * gateway here are this test's own, in front of the shared store, so the other tests are not disturbed.
 */
class OutageIT extends SystemTest {

    OutageIT(RegistrySystem system) {
        super(system);
    }

    @Test
    void answers503WhileAServiceIsDownAndRecoversWhenItIsBack() {
        int servicePort = AppProcess.freePort();
        AppProcess platforms = system.startExtra(AppProcess.app("platform-registry", servicePort, system.serviceEnvironment()),
                "/actuator/health/readiness");
        AppProcess gateway = system.startExtra(AppProcess.app("gateway", AppProcess.freePort(),
                system.gatewayEnvironment(Map.of("IIP_PLATFORMS_URL", platforms.url()))), "/actuator/health/readiness");
        Http outside = new Http(gateway.url());
        String token = system.token("enterprise-a");
        expect(outside.get("/api/platforms").send(), 200);
        await("all progress rows available", Duration.ofSeconds(30), () -> outside.get("/api/progress").send().text(),
                text -> !text.contains("\"available\":false"));

        platforms.stop();

        expectProblem(outside.get("/api/platforms").send(), 503, "service-unavailable");
        Http.Response write = expectProblem(outside.post("/api/platforms").token(token)
                .json(completeBody("platforms", "During Outage")).send(), 503, "service-unavailable");
        assertThat(write.header("Retry-After")).isPresent();
        expect(outside.get("/api/security-products").send(), 200);
        String progress = await("the platforms row to turn unavailable", Duration.ofSeconds(60),
                () -> outside.get("/api/progress").send().text(),
                text -> text.contains("\"target\":\"platforms\"") && rowAvailable(text, "platforms").equals("false"));
        assertThat(rowAvailable(progress, "security-products")).isEqualTo("true");

        AppProcess again = system.startExtra(AppProcess.app("platform-registry", servicePort, system.serviceEnvironment()),
                "/actuator/health/readiness");
        assertThat(again.isAlive()).isTrue();

        await("platforms to answer through the gateway again", Duration.ofSeconds(60),
                () -> outside.get("/api/platforms").send().status(), status -> status == 200);
        await("the platforms row to be available again", Duration.ofSeconds(60),
                () -> outside.get("/api/progress").send().text(), text -> rowAvailable(text, "platforms").equals("true"));
    }

    /** The {@code available} member of a target's row in a /api/progress body. */
    private static String rowAvailable(String progress, String target) {
        int row = progress.indexOf("\"target\":\"" + target + "\"");
        int available = progress.indexOf("\"available\":", row);
        return progress.substring(available + "\"available\":".length()).startsWith("true") ? "true" : "false";
    }
}
