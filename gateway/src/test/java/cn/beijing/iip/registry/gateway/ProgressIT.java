package cn.beijing.iip.registry.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import tools.jackson.databind.JsonNode;

class ProgressIT extends GatewayTest {

    @Test
    void mergesTheTargetsEachServiceReportsInThePlansOrder() throws Exception {
        JsonNode progress = awaitProgress(p -> row(p, "platforms").get("achieved").asLong() == 6);

        assertThat(progress.get("deadline").asString()).isEqualTo("2023-12-31");
        assertThat(progress.get("targets").findValuesAsString("target")).containsExactly(
                "platforms", "solution-providers", "security-products", "security-firms", "core-industry-revenue");
        JsonNode platforms = row(progress, "platforms");
        assertThat(platforms.get("goal").asLong()).isEqualTo(10);
        assertThat(platforms.get("ratio").asDouble()).isEqualTo(0.6);
        assertThat(platforms.get("available").asBoolean()).isTrue();
        assertThat(row(progress, "security-firms").get("achieved").asLong()).isEqualTo(12);
        assertThat(progress.get("entries").get("platforms").get("SUBMITTED").asLong()).isEqualTo(2);
    }

    @Test
    void sumsTheLargestApprovedRevenueOfEachEnterpriseAcrossKinds() throws Exception {
        figures(PLATFORMS, "platforms", List.of(target("platforms", 10, 2)), Map.of("A", 500L, "B", 100L));
        figures(PROVIDERS, "solution-providers", List.of(target("solution-providers", 50, 1)), Map.of("A", 700L));
        figures(PRODUCTS, "security-products", List.of(target("security-products", 50, 1), target("security-firms", 50, 1)),
                Map.of("C", 30L));

        // A counts once with its largest figure: 700 + 100 + 30
        JsonNode progress = awaitProgress(p -> row(p, "core-industry-revenue").get("achieved").asLong() == 830);

        assertThat(row(progress, "core-industry-revenue").get("goal").asLong()).isEqualTo(150_000_000_000L);
        assertThat(row(progress, "core-industry-revenue").get("available").asBoolean()).isTrue();
    }

    @Test
    void marksTheRowsOfAServiceThatIsDownAsUnavailableAndAnswersTheRest() throws Exception {
        awaitProgress(p -> row(p, "security-products").get("available").asBoolean());
        PRODUCTS.resetAll();
        PRODUCTS.stubFor(get("/internal/figures").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        JsonNode progress = awaitProgress(p -> !row(p, "security-products").get("available").asBoolean());

        assertThat(row(progress, "security-firms").get("available").asBoolean()).isFalse();
        assertThat(row(progress, "core-industry-revenue").get("available").asBoolean()).isFalse();
        assertThat(row(progress, "platforms").get("available").asBoolean()).isTrue();
        assertThat(row(progress, "security-products").get("achieved").asLong()).as("the last figure known").isEqualTo(15);
    }

    @Test
    void publishesTheCoreIndustryTargetAsMetrics() throws Exception {
        figures(PLATFORMS, "platforms", List.of(target("platforms", 10, 2)), Map.of("A", 1234L));
        awaitProgress(p -> row(p, "core-industry-revenue").get("achieved").asLong() == 1234);

        String metrics = http.get("/actuator/prometheus").send().text();

        assertThat(metrics).contains("iip_target_goal{application=\"gateway\",target=\"core-industry-revenue\"} 1.5E11");
        assertThat(metrics).contains("iip_target_achieved{application=\"gateway\",target=\"core-industry-revenue\"} 1234.0");
    }

    @Test
    void servesTheTaxonomies() {
        JsonNode taxonomies = http.get("/api/taxonomies").send().json();

        assertThat(taxonomies.get("industries").findValuesAsString("code")).contains("steel", "hydrogen-energy");
        assertThat(taxonomies.get("regions").findValuesAsString("code")).containsExactly("beijing", "tianjin", "hebei");
    }

    private JsonNode awaitProgress(Predicate<JsonNode> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode progress = http.get("/api/progress").send().json();
        while (!condition.test(progress) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            progress = http.get("/api/progress").send().json();
        }
        assertThat(condition.test(progress)).as("progress reached the expected state: " + progress).isTrue();
        return progress;
    }

    private static JsonNode row(JsonNode progress, String target) {
        for (JsonNode row : progress.get("targets")) {
            if (row.get("target").asString().equals(target)) {
                return row;
            }
        }
        throw new AssertionError("no row " + target);
    }
}
