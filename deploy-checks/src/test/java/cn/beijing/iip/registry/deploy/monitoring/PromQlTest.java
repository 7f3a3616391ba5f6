package cn.beijing.iip.registry.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PromQlTest {

    private static List<String> metrics(String expression) {
        return PromQl.selectors(expression).stream().map(PromQl.Selector::metric).toList();
    }

    @Test
    void findsMetricsInsideFunctionsAndAggregations() {
        assertThat(metrics("histogram_quantile(0.9, sum by (kind, le) (rate(iip_review_lead_time_seconds_bucket[1d])))"
                + " and on (kind) sum by (kind) (rate(iip_review_lead_time_seconds_count[1d])) > 0"))
                .containsExactly("iip_review_lead_time_seconds_bucket", "iip_review_lead_time_seconds_count");
    }

    @Test
    void skipsLabelListsDurationsOffsetsKeywordsAndGrafanaVariables() {
        assertThat(metrics("sum without (instance) (increase(iip_review_decisions_total[$__interval])) "
                + "unless on (job) group_left (target) (target:iip_target_achieved:max offset 30d) * 7 * 86400 "
                + "or vector(0) > bool 1e9"))
                .containsExactly("iip_review_decisions_total", "target:iip_target_achieved:max");
    }

    @Test
    void readsLabelMatchersWithTheirOperators() {
        List<PromQl.Selector> selectors = PromQl.selectors(
                "rate(http_server_requests_seconds_count{status=~\"5..\", uri!~\"/actuator.*\", job=\"gateway\"}[5m])");

        assertThat(selectors).singleElement().satisfies(selector -> assertThat(selector.matchers()).containsExactly(
                new PromQl.Matcher("status", "=~", "5.."), new PromQl.Matcher("uri", "!~", "/actuator.*"),
                new PromQl.Matcher("job", "=", "gateway")));
    }

    @Test
    void takesTheMetricNameOfABareSelectorFromItsNameMatcher() {
        assertThat(metrics("count({__name__=\"up\", job=\"gateway\"})")).containsExactly("up");
    }

    @Test
    void ignoresWordsInsideStrings() {
        assertThat(metrics("label_replace(up, \"service\", \"$1\", \"job\", \"(gateway|sum)\")")).containsExactly("up");
    }

    @Test
    void rejectsAnExpressionWithAnUnclosedMatcher() {
        assertThatThrownBy(() -> PromQl.selectors("up{job=\"gateway\""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void catalogueReportsAMisspeltMetricLabelAndValue() {
        MetricCatalogue catalogue = MetricCatalogue.withRecordingRules(Set.of("kind:iip_review_backlog:max"));

        assertThat(catalogue.problems("max by (kind) (iip_entires{status=\"SUBMITTED\"})"))
                .containsExactly("unknown metric iip_entires");
        assertThat(catalogue.problems("max by (kind) (iip_entries{state=\"SUBMITTED\"})"))
                .containsExactly("iip_entries has no label state");
        assertThat(catalogue.problems("iip_entries{status=\"SUBMITED\"}"))
                .containsExactly("iip_entries: status never takes the value SUBMITED");
        assertThat(catalogue.problems("up{job=~\"gateway|platform-registy\"}"))
                .containsExactly("up: job never takes the value platform-registy");
        assertThat(catalogue.problems("kind:iip_review_backlog:max{target=\"platforms\"}"))
                .containsExactly("kind:iip_review_backlog:max has no label target");
    }

    @Test
    void catalogueAcceptsPublishedSeriesWithTheirLabels() {
        MetricCatalogue catalogue = MetricCatalogue.withRecordingRules(Set.of());

        assertThat(catalogue.problems("sum by (routeId, le) (rate(spring_cloud_gateway_requests_seconds_bucket"
                + "{job=\"gateway\", routeId!=\"\", httpStatusCode=~\"5..\"}[5m])) + iip_target_goal{target=\"platforms\"}"
                + " + iip_entries{kind=\"security-products\", status=\"REVOKED\"} + jvm_memory_used_bytes{area=\"heap\"}"))
                .isEmpty();
    }
}
