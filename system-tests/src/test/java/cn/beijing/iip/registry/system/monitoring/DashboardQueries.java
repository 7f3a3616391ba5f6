package cn.beijing.iip.registry.system.monitoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Every query of a Grafana dashboard as Grafana would send it to Prometheus: its variables filled in the
 * way Grafana fills them for a dashboard showing the last few minutes, and run as a range or an instant
 * query as the panel asks.
 */
final class DashboardQueries {

    /** {@code $name}, {@code ${name}}, {@code ${name:format}} and the old {@code [[name]]}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\[\\[(\\w+)(?::[^]]*)?]]|\\$(\\w+)");

    /** {@code {{label}}} in a legend: Grafana shows the series' value of that label there. */
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

    /** One query of a panel, ready for Prometheus, with the labels its legend names. */
    record Query(String panel, String refId, String expr, boolean range, List<String> legendLabels) {

        String label() {
            return panel + " [" + refId + "]";
        }
    }

    private DashboardQueries() {
    }

    /**
     * The dashboard's queries. {@code scrapeInterval} stands for the datasource's scrape interval, the
     * smallest {@code $__interval} Grafana uses; {@code window} for the dashboard's time range.
     */
    static List<Query> of(JsonNode dashboard, Duration scrapeInterval, Duration window) {
        Map<String, String> dashboardVariables = new HashMap<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            JsonNode current = variable.path("current").path("value");
            dashboardVariables.put(variable.path("name").asString(),
                    current.isArray() ? current.path(0).asString() : current.asString());
        }
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                if (!target.has("expr")) {
                    continue;
                }
                // a query's own minimum interval wins over the panel's, which wins over the datasource's
                String minInterval = target.path("interval").asString(panel.path("interval").asString(""));
                Duration interval = minInterval.isEmpty() ? scrapeInterval : max(parse(minInterval), scrapeInterval);
                Map<String, String> variables = new HashMap<>(dashboardVariables);
                variables.put("__interval", promql(interval));
                variables.put("__interval_ms", String.valueOf(interval.toMillis()));
                // Grafana's definition: max($__interval + scrape interval, 4 × scrape interval)
                variables.put("__rate_interval", promql(max(interval.plus(scrapeInterval), scrapeInterval.multipliedBy(4))));
                variables.put("__range", promql(window));
                variables.put("__range_s", String.valueOf(window.toSeconds()));
                variables.put("__range_ms", String.valueOf(window.toMillis()));
                String label = panel.path("title").asString() + " [" + target.path("refId").asString() + "]";
                // Grafana's Prometheus queries are range queries unless a panel asks for an instant one alone
                boolean range = target.path("range").asBoolean(!target.path("instant").asBoolean(false));
                List<String> legendLabels = LEGEND_LABEL.matcher(target.path("legendFormat").asString(""))
                        .results().map(match -> match.group(1)).toList();
                queries.add(new Query(panel.path("title").asString(), target.path("refId").asString(),
                        substitute(target.path("expr").asString(), variables, label), range, legendLabels));
            }
        }
        return queries;
    }

    /** Every panel, including those nested in collapsed rows. */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    private static String substitute(String expr, Map<String, String> variables, String label) {
        Matcher matcher = VARIABLE.matcher(expr);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1)
                    : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
            String value = variables.get(name);
            if (value == null) {
                throw new IllegalStateException(label + " uses the variable " + name
                        + ", which neither the dashboard nor Grafana defines: " + expr);
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    /** A Grafana interval such as {@code 1h}, {@code 30s} or {@code 500ms}. */
    static Duration parse(String interval) {
        // ">1h" (at least an hour) reads as 1h: the test's window is far below it anyway
        Matcher matcher = Pattern.compile(">?(\\d+)(ms|s|m|h|d|w)").matcher(interval.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an interval Grafana knows: " + interval);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(7 * amount);
        };
    }

    static String promql(Duration duration) {
        return duration.toMillis() + "ms";
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
