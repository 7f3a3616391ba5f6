package cn.beijing.iip.registry.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import cn.beijing.iip.registry.core.testing.Http;

@TestPropertySource(properties = "iip.gateway.rate-limit=5")
class RateLimitIT extends GatewayTest {

    @Test
    void answers429WithRetryAfterOnceACallerSpendsItsBudget() {
        PLATFORMS.stubFor(get("/api/platforms").willReturn(okJson("{}")));

        List<Http.Response> responses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            responses.add(http.get("/api/platforms").send());
        }

        Http.Response limited = responses.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(responses.stream().filter(r -> r.status() == 200).count()).isGreaterThanOrEqualTo(10);
        assertThat(limited.header("Retry-After")).contains("1");
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.json().get("type").asString()).isEqualTo("urn:iip-registry:problem:rate-limited");
    }

    @Test
    void givesEachTokenHolderABudgetOfItsOwn() {
        PLATFORMS.stubFor(get("/api/platforms").willReturn(okJson("{}")));
        String alice = ISSUER.enterprise("alice", "91110108MA01AAA01E", "A").sign();
        String bob = ISSUER.enterprise("bob", "91110105MA02BBB02D", "B").sign();

        int aliceLimited = 0;
        for (int i = 0; i < 40; i++) {
            aliceLimited += http.get("/api/platforms").token(alice).send().status() == 429 ? 1 : 0;
        }

        assertThat(aliceLimited).isPositive();
        assertThat(http.get("/api/platforms").token(bob).send().status()).isEqualTo(200);
    }
}
