package cn.beijing.iip.registry.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class GrafanaSchemaTest {

    static Stream<Path> dashboards() {
        return OperatorFiles.filesEndingIn(OperatorFiles.grafana().resolve("dashboards"), ".json").stream();
    }

    @Test
    void schemaComesFromGrafanasOwnTypes() {
        assertThat(GrafanaSchemas.dashboardSchemaOrigin()).contains("@grafana/schema");
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void dashboardMatchesGrafanasDashboardSchema(Path dashboard) {
        assertThat(GrafanaSchemas.dashboardErrors(OperatorFiles.json(dashboard))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void panelOptionsMatchTheSchemaOfTheirPanelType(Path dashboard) {
        for (JsonNode panel : Dashboards.panels(OperatorFiles.json(dashboard))) {
            String type = panel.path("type").asString();
            if (type.equals("row")) {
                continue;
            }
            assertThat(GrafanaSchemas.optionErrors(type, panel.path("options")))
                    .as("options of %s panel \"%s\" (a new panel type needs its schema: add it to "
                            + "generate-grafana-schema.sh)", type, panel.path("title").asString())
                    .hasValueSatisfying(errors -> assertThat(errors).isEmpty());
        }
    }

    static Stream<Arguments> brokenDashboards() {
        return Stream.of(
                broken("a misspelt panel key", d -> {
                    ObjectNode panel = firstPanel(d, "timeseries");
                    panel.set("gridpos", panel.remove("gridPos"));
                }),
                broken("a panel without a type", d -> firstPanel(d, "bargauge").remove("type")),
                broken("a schema version written as text", d -> d.put("schemaVersion", "41")),
                broken("a threshold step without a colour", d -> ((ObjectNode) firstPanel(d, "bargauge")
                        .path("fieldConfig").path("defaults").path("thresholds").path("steps").get(0)).remove("color")),
                broken("a template variable of an unknown type", d -> ((ObjectNode) d.path("templating").path("list")
                        .get(0)).put("type", "datasources")),
                broken("a grid position without a width", d -> ((ObjectNode) firstPanel(d, "stat").path("gridPos"))
                        .remove("w")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDashboards")
    void schemaRejectsADashboardWith(String mistake, Consumer<ObjectNode> breakIt) {
        ObjectNode dashboard = (ObjectNode) OperatorFiles.json(OperatorFiles.dashboard());
        breakIt.accept(dashboard);

        assertThat(GrafanaSchemas.dashboardErrors(dashboard)).isNotEmpty();
    }

    @Test
    void optionSchemaRejectsABarGaugeWithAnUnknownDisplayMode() {
        ObjectNode dashboard = (ObjectNode) OperatorFiles.json(OperatorFiles.dashboard());
        ObjectNode options = (ObjectNode) firstPanel(dashboard, "bargauge").path("options");
        options.put("displayMode", "fancy");

        assertThat(GrafanaSchemas.optionErrors("bargauge", options))
                .hasValueSatisfying(errors -> assertThat(errors).isNotEmpty());
    }

    @Test
    void optionSchemaRejectsATimeSeriesWithoutItsTooltip() {
        ObjectNode dashboard = (ObjectNode) OperatorFiles.json(OperatorFiles.dashboard());
        ObjectNode options = (ObjectNode) firstPanel(dashboard, "timeseries").path("options");
        options.remove("tooltip");

        assertThat(GrafanaSchemas.optionErrors("timeseries", options))
                .hasValueSatisfying(errors -> assertThat(errors).isNotEmpty());
    }

    private static Arguments broken(String mistake, Consumer<ObjectNode> breakIt) {
        return Arguments.of(mistake, breakIt);
    }

    private static ObjectNode firstPanel(ObjectNode dashboard, String type) {
        List<JsonNode> panels = Dashboards.panels(dashboard);
        return (ObjectNode) panels.stream().filter(panel -> panel.path("type").asString().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("the dashboard has no " + type + " panel to break"));
    }
}
