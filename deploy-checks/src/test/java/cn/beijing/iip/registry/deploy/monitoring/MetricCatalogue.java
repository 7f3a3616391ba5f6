package cn.beijing.iip.registry.deploy.monitoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import cn.beijing.iip.registry.metrics.MetricNames;
import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.plan.Plan;
import cn.beijing.iip.registry.plan.Target;
import cn.beijing.iip.registry.seeds.Seeds;

/**
 * The series the system publishes, with the labels each carries and, where the set is closed, the
 * values those labels take; plus the series the recording rules make. Queries and rules are
 * checked against it, so a misspelt metric, label or value fails the build instead of drawing an
 * empty panel or an alert that never fires.
 */
final class MetricCatalogue {

    /** Labels Prometheus or the apps add to every series. */
    static final Set<String> COMMON_LABELS = Set.of("job", "instance", "application", "namespace", "pod");

    /** The entry states of CONTRACT.md (Entries); registry-core's EntryStatus holds the same list. */
    static final Set<String> STATUSES = Set.of("DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "REJECTED",
            "REVOKED");
    /** The review decisions of CONTRACT.md; registry-core's Decision holds the same list. */
    static final Set<String> DECISIONS = Set.of("APPROVE", "REJECT", "REQUEST_CHANGES");

    private final Map<String, Set<String>> labelsByMetric;
    private final Map<String, Set<String>> valuesByLabel;

    private MetricCatalogue(Map<String, Set<String>> labelsByMetric, Map<String, Set<String>> valuesByLabel) {
        this.labelsByMetric = labelsByMetric;
        this.valuesByLabel = valuesByLabel;
    }

    /** The published series of registry-model's {@link MetricNames}, by the Micrometer constant they come from. */
    static Map<String, Map<String, Set<String>>> registrySeries() {
        Map<String, Map<String, Set<String>>> series = new LinkedHashMap<>();
        series.put(MetricNames.ENTRIES, Map.of(prometheus(MetricNames.ENTRIES),
                Set.of(MetricNames.TAG_KIND, MetricNames.TAG_STATUS)));
        series.put(MetricNames.TARGET_GOAL, Map.of(prometheus(MetricNames.TARGET_GOAL), Set.of(MetricNames.TAG_TARGET)));
        series.put(MetricNames.TARGET_ACHIEVED, Map.of(prometheus(MetricNames.TARGET_ACHIEVED),
                Set.of(MetricNames.TAG_TARGET)));
        series.put(MetricNames.REVIEW_DECISIONS, Map.of(prometheus(MetricNames.REVIEW_DECISIONS) + "_total",
                Set.of(MetricNames.TAG_KIND, MetricNames.TAG_DECISION)));
        series.put(MetricNames.REVIEW_LEAD_TIME, timer(prometheus(MetricNames.REVIEW_LEAD_TIME) + "_seconds",
                Set.of(MetricNames.TAG_KIND)));
        series.put(MetricNames.OLDEST_SUBMISSION_AGE, Map.of(prometheus(MetricNames.OLDEST_SUBMISSION_AGE) + "_seconds",
                Set.of(MetricNames.TAG_KIND)));
        series.put(MetricNames.FIGURES_AGE, Map.of(prometheus(MetricNames.FIGURES_AGE) + "_seconds", Set.of()));
        return series;
    }

    /** Spring Boot's, the JVM's, Spring Cloud Gateway's (GatewayHttpTagsProvider, GatewayRouteTagsProvider) and Prometheus's own. */
    static Map<String, Set<String>> standardSeries() {
        Map<String, Set<String>> series = new HashMap<>();
        series.put("up", Set.of());
        series.putAll(timer("http_server_requests_seconds", Set.of("method", "uri", "status", "outcome", "exception",
                "error")));
        series.putAll(timer("spring_cloud_gateway_requests_seconds", Set.of("routeId", "routeUri", "outcome",
                "status", "httpStatusCode", "httpMethod")));
        series.put("spring_cloud_gateway_routes_count", Set.of());
        for (String memory : List.of("jvm_memory_used_bytes", "jvm_memory_committed_bytes", "jvm_memory_max_bytes")) {
            series.put(memory, Set.of("area", "id"));
        }
        series.putAll(timer("jvm_gc_pause_seconds", Set.of("action", "cause", "gc")));
        for (String plain : List.of("process_cpu_usage", "system_cpu_usage", "system_cpu_count",
                "process_uptime_seconds", "process_start_time_seconds", "jvm_threads_live_threads")) {
            series.put(plain, Set.of());
        }
        return series;
    }

    /** Everything published, plus the series of the given recording rules. */
    static MetricCatalogue withRecordingRules(Set<String> recordedNames) {
        Map<String, Set<String>> labels = new HashMap<>(standardSeries());
        registrySeries().values().forEach(labels::putAll);
        for (String record : recordedNames) {
            labels.put(record, recordedLabels(record));
        }
        Plan plan = Seeds.packaged().plan();
        Map<String, Set<String>> values = new HashMap<>();
        values.put(MetricNames.TAG_KIND, Arrays.stream(EntryKind.values()).map(EntryKind::code)
                .collect(Collectors.toSet()));
        values.put(MetricNames.TAG_TARGET, plan.targets().stream().map(Target::id).collect(Collectors.toSet()));
        values.put(MetricNames.TAG_STATUS, STATUSES);
        values.put(MetricNames.TAG_DECISION, DECISIONS);
        values.put("job", applications());
        return new MetricCatalogue(labels, values);
    }

    /** The four apps, which are also the Prometheus job names. */
    static Set<String> applications() {
        Set<String> apps = new TreeSet<>();
        apps.add(Target.GATEWAY);
        Arrays.stream(EntryKind.values()).map(EntryKind::application).forEach(apps::add);
        return apps;
    }

    /**
     * A recorded series keeps the labels its name's level lists ({@code level:metric:operations}, labels joined
     * by {@code _}), e.g. {@code kind_status:iip_entries:max} keeps kind and status.
     */
    static Set<String> recordedLabels(String record) {
        String level = record.substring(0, record.indexOf(':'));
        Set<String> known = new TreeSet<>(COMMON_LABELS);
        known.addAll(List.of(MetricNames.TAG_KIND, MetricNames.TAG_STATUS, MetricNames.TAG_TARGET,
                MetricNames.TAG_DECISION, "routeId"));
        Set<String> labels = new TreeSet<>();
        for (String part : level.split("_")) {
            if (!known.contains(part)) {
                throw new IllegalArgumentException("recording rule " + record + ": level " + level
                        + " should name the labels it keeps, joined by _");
            }
            labels.add(part);
        }
        return labels;
    }

    /** What is wrong with the selectors of an expression; empty when every one names a published series. */
    List<String> problems(String expression) {
        List<String> problems = new ArrayList<>();
        for (PromQl.Selector selector : PromQl.selectors(expression)) {
            Set<String> labels = labelsByMetric.get(selector.metric());
            if (labels == null) {
                problems.add("unknown metric " + selector.metric());
                continue;
            }
            for (PromQl.Matcher matcher : selector.matchers()) {
                if (matcher.label().equals("__name__")) {
                    continue;
                }
                if (!labels.contains(matcher.label()) && !COMMON_LABELS.contains(matcher.label())
                        && !(matcher.label().equals("le") && selector.metric().endsWith("_bucket"))) {
                    problems.add(selector.metric() + " has no label " + matcher.label());
                    continue;
                }
                problems.addAll(valueProblems(selector.metric(), matcher));
            }
        }
        return problems;
    }

    private List<String> valueProblems(String metric, PromQl.Matcher matcher) {
        Set<String> values = valuesByLabel.get(matcher.label());
        if (values == null || matcher.value().contains("$")) {
            return List.of();
        }
        List<String> named = switch (matcher.operator()) {
            case "=", "!=" -> matcher.value().isEmpty() ? List.of() : List.of(matcher.value());
            // an alternation of plain values, e.g. job=~"gateway|platform-registry"; other regexes are left alone
            case "=~", "!~" -> matcher.value().matches("[A-Za-z0-9_|-]+") ? List.of(matcher.value().split("\\|"))
                    : List.of();
            default -> List.of();
        };
        return named.stream().filter(value -> !values.contains(value))
                .map(value -> metric + ": " + matcher.label() + " never takes the value " + value).toList();
    }

    private static Map<String, Set<String>> timer(String base, Set<String> labels) {
        Set<String> bucketLabels = new TreeSet<>(labels);
        bucketLabels.add("le");
        return Map.of(base + "_count", labels, base + "_sum", labels, base + "_max", labels, base + "_bucket",
                bucketLabels);
    }

    private static String prometheus(String micrometerName) {
        return micrometerName.replace('.', '_');
    }
}
