package cn.beijing.iip.registry.system.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * One series of a Prometheus answer: its labels and its values, one for an instant query, one per step
 * for a range query. A panel can draw only finite values: NaN is a gap, as is a missing series.
 */
record Series(Map<String, String> labels, List<Double> values) {

    /** The series of a query's answer: a vector or a matrix, or a scalar as one series without labels. */
    static List<Series> of(JsonNode answer) {
        JsonNode result = answer.path("result");
        if (answer.path("resultType").asString().equals("scalar")) {
            return List.of(new Series(Map.of(), List.of(number(result))));
        }
        List<Series> series = new ArrayList<>();
        for (JsonNode element : result) {
            Map<String, String> labels = new TreeMap<>();
            element.path("metric").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asString()));
            List<Double> values = new ArrayList<>();
            if (element.has("value")) {
                values.add(number(element.path("value")));
            }
            for (JsonNode sample : element.path("values")) {
                values.add(number(sample));
            }
            series.add(new Series(labels, values));
        }
        return series;
    }

    /** True when at least one series has a value a panel can draw. */
    static boolean anyDrawable(List<Series> series) {
        return series.stream().anyMatch(Series::drawable);
    }

    boolean drawable() {
        return values.stream().anyMatch(Double::isFinite);
    }

    /** The largest finite value, or NaN when there is none. */
    double largest() {
        return values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** The latest value. */
    double last() {
        return values.isEmpty() ? Double.NaN : values.getLast();
    }

    String label(String name) {
        return labels.getOrDefault(name, "");
    }

    /** The labels without the metric name, as a recording rule's series and its expression's share them. */
    Map<String, String> labelsWithoutName() {
        Map<String, String> rest = new TreeMap<>(labels);
        rest.remove("__name__");
        return rest;
    }

    /** Labels, number of values and the latest: enough for a failure message, which a long range would swamp. */
    @Override
    public String toString() {
        return labels + " (" + values.size() + " values, last " + last() + ")";
    }

    private static double number(JsonNode sample) {
        // Prometheus sends [time, "value"], with NaN and ±Inf spelt as strings
        return switch (sample.path(1).asString()) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(sample.path(1).asString());
        };
    }
}
