package cn.beijing.iip.registry.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsIT extends GatewayTest {

    @Test
    void timesEveryRoutedCallAsTheAlertsAndDashboardsReadIt() {
        PLATFORMS.stubFor(get("/api/platforms/m1").willReturn(okJson("{\"id\":\"m1\"}")));

        assertThat(http.get("/api/platforms/m1").token(enterpriseToken()).send().status()).isEqualTo(200);
        String metrics = http.get("/actuator/prometheus").send().text();

        // the per-route error ratio and the latency panels (deploy/prometheus/rules, the dashboard)
        assertThat(metrics).containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*routeId=\"platforms\"");
        assertThat(metrics).containsPattern("spring_cloud_gateway_requests_seconds_bucket\\{[^}]*routeId=\"platforms\"");
        // the per-app error ratio
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*application=\"gateway\"");
    }
}
