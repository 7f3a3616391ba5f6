package cn.beijing.iip.registry.deploy.monitoring;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** Reading Grafana dashboard JSON. */
final class Dashboards {

    private Dashboards() {
    }

    /** Every panel, including those nested in rows. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            for (JsonNode nested : panel.path("panels")) {
                panels.add(nested);
            }
        }
        return panels;
    }

    /** Panels that show data, as opposed to rows and text. */
    static List<JsonNode> dataPanels(JsonNode dashboard) {
        return panels(dashboard).stream().filter(panel -> !List.of("row", "text").contains(panel.path("type").asString()))
                .toList();
    }

    static List<String> expressions(JsonNode panel) {
        return panel.path("targets").values().stream().map(target -> target.path("expr").asString()).toList();
    }
}
