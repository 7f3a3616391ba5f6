package cn.beijing.iip.registry.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.plan.Plan;
import cn.beijing.iip.registry.plan.Target;
import cn.beijing.iip.registry.seeds.Seeds;
import tools.jackson.databind.JsonNode;

class GrafanaDashboardTest {

    private static final String DATASOURCE_VARIABLE = "${datasource}";

    private final JsonNode dashboard = OperatorFiles.json(OperatorFiles.dashboard());
    private final Plan plan = Seeds.packaged().plan();

    @Test
    void titleNamesThePlan() {
        assertThat(dashboard.path("title").asString()).isEqualTo("Industrial Internet Action Plan — progress");
        assertThat(dashboard.path("uid").asString()).isEqualTo("iip-progress");
    }

    @Test
    void showsThePlansDeadline() {
        String deadline = plan.deadline().format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH));
        List<String> texts = Dashboards.panels(dashboard).stream()
                .filter(panel -> panel.path("type").asString().equals("text"))
                .map(panel -> panel.path("options").path("content").asString()).toList();

        assertThat(texts).anySatisfy(text -> assertThat(text).contains(deadline));
        assertThat(dashboard.path("description").asString()).contains(deadline);
    }

    @Test
    void countsDownToTheEndOfTheDeadlineInBeijing() {
        long endOfDeadline = plan.deadline().plusDays(1).atStartOfDay(ZoneId.of("Asia/Shanghai")).toEpochSecond();

        assertThat(Dashboards.dataPanels(dashboard)).flatExtracting(Dashboards::expressions)
                .contains("(" + endOfDeadline + " - time()) / 86400");
    }

    @Test
    void everyDataPanelHasAQuery() {
        assertThat(Dashboards.dataPanels(dashboard)).isNotEmpty().allSatisfy(panel -> assertThat(
                Dashboards.expressions(panel)).as(panel.path("title").asString()).isNotEmpty()
                .allSatisfy(expr -> assertThat(expr).isNotBlank()));
    }

    @Test
    void queriesUseOnlyPublishedMetricsLabelsAndValues() {
        MetricCatalogue catalogue = MetricCatalogue.withRecordingRules(RuleFiles.recordNames());

        assertThat(Dashboards.dataPanels(dashboard)).allSatisfy(panel -> assertThat(Dashboards.expressions(panel))
                .allSatisfy(expr -> assertThat(catalogue.problems(expr)).as(panel.path("title").asString() + ": " + expr)
                        .isEmpty()));
    }

    @Test
    void everyTargetOfThePlanHasABarGaugeScaledToItsGoal() {
        for (Target target : plan.targets()) {
            List<JsonNode> gauges = Dashboards.dataPanels(dashboard).stream()
                    .filter(panel -> panel.path("type").asString().equals("bargauge"))
                    .filter(panel -> selectsTarget(panel, target.id())).toList();

            assertThat(gauges).as("bar gauge of target " + target.id()).singleElement().satisfies(gauge -> {
                JsonNode defaults = gauge.path("fieldConfig").path("defaults");
                assertThat(defaults.path("min").asDouble()).isZero();
                assertThat(defaults.path("max").asDouble()).as("max of " + target.id()).isEqualTo((double) target.goal());
            });
        }
    }

    @Test
    void showsTheShareOfEveryGoalReached() {
        assertThat(Dashboards.dataPanels(dashboard)).anySatisfy(panel -> {
            assertThat(panel.path("type").asString()).isEqualTo("bargauge");
            assertThat(Dashboards.expressions(panel)).containsExactly("target:iip_target_progress:ratio");
            assertThat(panel.path("fieldConfig").path("defaults").path("max").asDouble()).isEqualTo(1.0);
        });
    }

    @Test
    void everyPanelAndQueryUsesTheDatasourceVariable() {
        assertThat(Dashboards.dataPanels(dashboard)).allSatisfy(panel -> {
            String title = panel.path("title").asString();
            assertThat(panel.path("datasource").path("uid").asString()).as(title).isEqualTo(DATASOURCE_VARIABLE);
            assertThat(panel.path("targets").values()).as(title).allSatisfy(target -> assertThat(
                    target.path("datasource").path("uid").asString()).isEqualTo(DATASOURCE_VARIABLE));
        });
    }

    @Test
    void datasourceVariableDefaultsToTheProvisionedPrometheus() {
        List<JsonNode> variables = dashboard.path("templating").path("list").values().stream()
                .filter(variable -> variable.path("name").asString().equals("datasource")).toList();

        assertThat(variables).singleElement().satisfies(variable -> {
            assertThat(variable.path("type").asString()).isEqualTo("datasource");
            assertThat(variable.path("query").asString()).isEqualTo("prometheus");
            assertThat(variable.path("current").path("value").asString()).isEqualTo(GrafanaProvisioningTest.datasourceUid());
        });
    }

    @Test
    void panelIdsAndQueryRefsAreUnique() {
        List<Integer> ids = Dashboards.panels(dashboard).stream().map(panel -> panel.path("id").asInt()).toList();

        assertThat(ids).doesNotHaveDuplicates().doesNotContain(0);
        assertThat(Dashboards.dataPanels(dashboard)).allSatisfy(panel -> assertThat(panel.path("targets").values())
                .extracting(target -> target.path("refId").asString()).doesNotHaveDuplicates());
    }

    @Test
    void panelsFitTheGridWithoutOverlapping() {
        List<JsonNode> panels = Dashboards.panels(dashboard);
        Set<String> cells = new HashSet<>();
        List<String> overlaps = new ArrayList<>();
        for (JsonNode panel : panels) {
            JsonNode pos = panel.path("gridPos");
            int x = pos.path("x").asInt();
            int y = pos.path("y").asInt();
            int w = pos.path("w").asInt();
            int h = pos.path("h").asInt();
            assertThat(x + w).as(panel.path("title").asString() + " within 24 columns").isLessThanOrEqualTo(24);
            assertThat(w).isPositive();
            assertThat(h).isPositive();
            for (int column = x; column < x + w; column++) {
                for (int row = y; row < y + h; row++) {
                    if (!cells.add(column + "," + row)) {
                        overlaps.add(panel.path("title").asString() + " at " + column + "," + row);
                    }
                }
            }
        }
        assertThat(overlaps).isEmpty();
    }

    private static boolean selectsTarget(JsonNode panel, String target) {
        return Dashboards.expressions(panel).stream().flatMap(expr -> PromQl.selectors(expr).stream())
                .flatMap(selector -> selector.matchers().stream())
                .anyMatch(matcher -> matcher.label().equals("target") && matcher.operator().equals("=")
                        && matcher.value().equals(target));
    }
}
