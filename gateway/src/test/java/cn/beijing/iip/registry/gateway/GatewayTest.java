package cn.beijing.iip.registry.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.core.testing.TestIssuer;

/**
 * The gateway on a random port in front of three WireMock services, checking tokens of a test
 * issuer. One set of stubs for all gateway tests, so Spring reuses the context.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"iip.gateway.figures-refresh=300ms", "logging.structured.format.console=",
                "iip.gateway.cors-origins=https://portal.example.gov.cn", "iip.gateway.rate-limit=0"})
public abstract class GatewayTest {

    protected static final TestIssuer ISSUER = TestIssuer.start();
    protected static final WireMockServer PLATFORMS = start();
    protected static final WireMockServer PROVIDERS = start();
    protected static final WireMockServer PRODUCTS = start();

    @LocalServerPort
    int port;

    protected Http http;

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("iip.gateway.services.platforms", () -> "http://127.0.0.1:" + PLATFORMS.port());
        registry.add("iip.gateway.services.solution-providers", () -> "http://127.0.0.1:" + PROVIDERS.port());
        registry.add("iip.gateway.services.security-products", () -> "http://127.0.0.1:" + PRODUCTS.port());
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuerUri);
    }

    @BeforeEach
    void resetStubs() {
        for (WireMockServer server : List.of(PLATFORMS, PROVIDERS, PRODUCTS)) {
            server.resetAll();
        }
        figures(PLATFORMS, "platforms", List.of(target("platforms", 10, 6)), Map.of());
        figures(PROVIDERS, "solution-providers", List.of(target("solution-providers", 50, 20)), Map.of());
        figures(PRODUCTS, "security-products", List.of(target("security-products", 50, 15),
                target("security-firms", 50, 12)), Map.of());
        http = new Http("http://127.0.0.1:" + port);
    }

    protected static Map<String, Object> target(String id, long goal, long achieved) {
        return Map.of("target", id, "goal", goal, "achieved", achieved);
    }

    /** Stubs a service's /internal/figures as counted just now. */
    protected static void figures(WireMockServer service, String kind, List<Map<String, Object>> targets,
            Map<String, Long> revenue) {
        service.stubFor(WireMock.get("/internal/figures").willReturn(WireMock.okJson(Http.json(Map.of(
                "kind", kind, "computedAt", Instant.now().plusSeconds(3600).toString(),
                "entriesByStatus", Map.of("APPROVED", 1, "SUBMITTED", 2),
                "targets", targets, "largestApprovedRevenueByEnterprise", revenue)))));
    }

    protected static String enterpriseToken() {
        return ISSUER.enterprise("alice", "91110108MA01AAA01E", "Yanjing Smart Manufacturing Co., Ltd.").sign();
    }
}
