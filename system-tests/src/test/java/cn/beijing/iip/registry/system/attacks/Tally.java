package cn.beijing.iip.registry.system.attacks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Counts of requests by OWASP category and by the status they got, printed as a table. */
public final class Tally {

    private final Map<Category, Map<String, Integer>> byCategory = new EnumMap<>(Category.class);
    private final Map<String, Integer> byExpectation = new TreeMap<>();
    private final Map<String, Integer> byTag = new TreeMap<>();
    private int requests;

    public synchronized void count(Attack attack, int status) {
        requests++;
        byCategory.computeIfAbsent(attack.category(), category -> new TreeMap<>()).merge(column(status), 1, Integer::sum);
        byExpectation.merge(attack.expect().code(), 1, Integer::sum);
        attack.tags().forEach(tag -> byTag.merge(tag, 1, Integer::sum));
    }

    public int requests() {
        return requests;
    }

    public int requests(Category category) {
        return byCategory.getOrDefault(category, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(String column) {
        return byCategory.values().stream().mapToInt(row -> row.getOrDefault(column, 0)).sum();
    }

    static String column(int status) {
        if (status == 0) {
            return "no answer";
        }
        if (status >= 200 && status < 300) {
            return "2xx";
        }
        return String.valueOf(status);
    }

    public String table() {
        TreeSet<String> columns = new TreeSet<>((a, b) -> order(a).compareTo(order(b)));
        byCategory.values().forEach(row -> columns.addAll(row.keySet()));
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder(String.format("%-54s %8s", "category", "requests"));
        columns.forEach(column -> header.append(String.format(" %9s", column)));
        lines.add(header.toString());
        for (Category category : Category.values()) {
            Map<String, Integer> row = byCategory.getOrDefault(category, Map.of());
            StringBuilder line = new StringBuilder(String.format("%-54s %8d", category + " " + category.title(), requests(category)));
            columns.forEach(column -> line.append(String.format(" %9d", row.getOrDefault(column, 0))));
            lines.add(line.toString());
        }
        StringBuilder total = new StringBuilder(String.format("%-54s %8d", "all", requests));
        columns.forEach(column -> total.append(String.format(" %9d", count(column))));
        lines.add(total.toString());
        lines.add("by expected outcome: " + byExpectation);
        lines.add("by tag: " + byTag);
        return String.join("\n", lines);
    }

    private static String order(String column) {
        return switch (column) {
            case "2xx" -> "0";
            case "no answer" -> "9";
            default -> "1" + column;
        };
    }
}
