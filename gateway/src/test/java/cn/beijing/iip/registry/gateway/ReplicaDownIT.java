package cn.beijing.iip.registry.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.core.testing.TestIssuer;

/**
 * Each service listed as two replicas, the first of them down: callers notice nothing. Not a
 * {@link GatewayTest}: its context lists one replica per service, and a subclass cannot replace that.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.structured.format.console=", "iip.gateway.rate-limit=0"})
class ReplicaDownIT {

    private static final TestIssuer ISSUER = TestIssuer.start();
    private static final WireMockServer UP = started();
    private static final int DOWN = closedPort();

    @LocalServerPort
    int port;

    private Http http;

    @DynamicPropertySource
    static void replicas(DynamicPropertyRegistry registry) {
        String replicas = "http://127.0.0.1:" + DOWN + ",http://127.0.0.1:" + UP.port();
        registry.add("iip.gateway.services.platforms", () -> replicas);
        registry.add("iip.gateway.services.solution-providers", () -> replicas);
        registry.add("iip.gateway.services.security-products", () -> replicas);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuerUri);
    }

    @BeforeEach
    void resetStubs() {
        UP.resetAll();
        http = new Http("http://127.0.0.1:" + port);
    }

    @Test
    void sendsReadsAndWritesToTheReplicaThatIsUp() {
        UP.stubFor(get("/api/platforms/p1").willReturn(okJson("{\"id\":\"p1\"}")));
        UP.stubFor(post("/api/security-products").willReturn(aResponse().withStatus(201)
                .withHeader("Location", "/api/security-products/s2").withBody("{}")));
        String token = enterpriseToken();

        // round robin would send every other call to the replica that is down
        for (int i = 0; i < 6; i++) {
            assertThat(http.get("/api/platforms/p1").send().status()).isEqualTo(200);
            assertThat(http.post("/api/security-products").token(token).json("{\"name\":\"x" + i + "\"}").send().status())
                    .isEqualTo(201);
        }

        UP.verify(6, getRequestedFor(urlEqualTo("/api/platforms/p1")));
        UP.verify(6, postRequestedFor(urlEqualTo("/api/security-products")));
    }

    @Test
    void neverSendsACallAgainThatAReplicaAnswered() {
        UP.stubFor(post("/api/solution-providers").willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"urn:iip-registry:problem:store-unavailable\",\"status\":503}")));
        String token = enterpriseToken();

        for (int i = 0; i < 4; i++) {
            assertThat(http.post("/api/solution-providers").token(token).json("{\"name\":\"y" + i + "\"}").send().status())
                    .isEqualTo(503);
        }

        // the service may have taken the create before it failed: whether to send it again is the caller's choice
        UP.verify(4, postRequestedFor(urlEqualTo("/api/solution-providers")));
    }

    private static String enterpriseToken() {
        return ISSUER.enterprise("alice", "91110108MA01AAA01E", "Yanjing Smart Manufacturing Co., Ltd.").sign();
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    /** A loopback port nothing listens on: connections to it are refused, as by a replica that is down. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
