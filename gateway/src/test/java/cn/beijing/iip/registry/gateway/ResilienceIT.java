package cn.beijing.iip.registry.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import cn.beijing.iip.registry.core.testing.Http;

class ResilienceIT extends GatewayTest {

    @Test
    void answersAProblemWhenAServiceHangs() {
        PROVIDERS.stubFor(get("/api/solution-providers/slow").willReturn(okJson("{}").withFixedDelay(15_000)));

        // the client would wait 30 s; the gateway's time limit answers long before that
        Http.Response response = http.get("/api/solution-providers/slow").send();

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:iip-registry:problem:service-unavailable");
        assertThat(response.header("Retry-After")).contains("5");
    }

    @Test
    void cutsAnAnswerThatStallsHalfway() throws InterruptedException {
        String body = "{\"name\":\"" + "x".repeat(4000) + "\"}";
        // the head and the first half at once, the second half 12 s later
        PLATFORMS.stubFor(get("/api/platforms/stalls").willReturn(okJson(body).withChunkedDribbleDelay(2, 12_000)));

        String received;
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/platforms/stalls")).build(), HttpResponse.BodyHandlers.ofString());
            received = response.statusCode() + " " + response.body();
        } catch (IOException cut) {
            received = "connection closed: " + cut;
        }

        // a 503 while nothing was passed on yet, else a closed connection: never the whole answer 12 s later
        assertThat(received).doesNotContain(body).containsAnyOf("503 ", "connection closed");
    }

    @Test
    void answersAProblemWhenAServiceDropsTheConnection() {
        PRODUCTS.stubFor(get("/api/security-products/broken").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Http.Response response = http.get("/api/security-products/broken").send();

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().get("detail").asString()).contains("security-products");
    }

    @Test
    void opensTheBreakerWhileAServiceFailsAndClosesItWhenTheServiceIsBack() throws Exception {
        PLATFORMS.stubFor(get("/api/platforms/p1").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        for (int i = 0; i < 20; i++) {
            assertThat(http.get("/api/platforms/p1").send().status()).isEqualTo(503);
        }
        PLATFORMS.resetAll();
        PLATFORMS.stubFor(get("/api/platforms/p1").willReturn(okJson("{\"id\":\"p1\"}")));

        // while open, the breaker answers without calling the service; it lets calls through again on its own
        assertThat(http.get("/api/platforms/p1").send().status()).isEqualTo(503);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int status = 0;
        while (Instant.now().isBefore(deadline) && status != 200) {
            Thread.sleep(500);
            status = http.get("/api/platforms/p1").send().status();
        }
        assertThat(status).isEqualTo(200);
    }

    @Test
    void servesManyCallsAtOnceWithoutTurningAnyAway() throws Exception {
        PRODUCTS.stubFor(get("/api/security-products/busy").willReturn(okJson("{}").withFixedDelay(300)));

        // more calls in flight on one route than a default bulkhead (25) admits: a busy service is not a failing one
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                statuses.add(callers.submit(() -> http.get("/api/security-products/busy").send().status()));
            }
        }
        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(200);
        }
    }

    @Test
    void passesAServicesOwnProblemThrough() {
        PLATFORMS.stubFor(get("/api/platforms/p9").willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"urn:iip-registry:problem:store-unavailable\",\"status\":503}")));

        Http.Response response = http.get("/api/platforms/p9").send();

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:iip-registry:problem:store-unavailable");
    }
}
