package cn.beijing.iip.registry.deploy.monitoring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/** The rules of deploy/prometheus/rules and the promtool unit tests of deploy/prometheus/tests. */
final class RuleFiles {

    record Rule(Path file, String group, String name, boolean alert, JsonNode node) {

        String expr() {
            return node.path("expr").asString();
        }
    }

    /** One alert_rule_test of a promtool test file. */
    record AlertTest(Path file, String testName, String alertname, boolean expectsFiring) {
    }

    private RuleFiles() {
    }

    static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (Path file : OperatorFiles.ruleFiles()) {
            for (JsonNode group : OperatorFiles.yaml(file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    boolean alert = rule.has("alert");
                    rules.add(new Rule(file, group.path("name").asString(),
                            rule.path(alert ? "alert" : "record").asString(), alert, rule));
                }
            }
        }
        return rules;
    }

    static List<Rule> alerts() {
        return rules().stream().filter(Rule::alert).toList();
    }

    static List<Rule> records() {
        return rules().stream().filter(rule -> !rule.alert()).toList();
    }

    static Set<String> recordNames() {
        return records().stream().map(Rule::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Rule groups by the rule file that defines them. */
    static Map<Path, List<String>> groupsByFile() {
        return rules().stream().collect(Collectors.groupingBy(Rule::file, Collectors.mapping(Rule::group,
                Collectors.collectingAndThen(Collectors.toCollection(java.util.LinkedHashSet::new), List::copyOf))));
    }

    static List<AlertTest> alertTests() {
        List<AlertTest> tests = new ArrayList<>();
        for (Path file : OperatorFiles.ruleTestFiles()) {
            for (JsonNode test : OperatorFiles.yaml(file).path("tests")) {
                for (JsonNode alertTest : test.path("alert_rule_test")) {
                    tests.add(new AlertTest(file, test.path("name").asString(), alertTest.path("alertname").asString(),
                            !alertTest.path("exp_alerts").isEmpty()));
                }
            }
        }
        return tests;
    }

    /** The expressions of promql_expr_test entries that expect at least one sample. */
    static Set<String> testedExpressionsWithSamples() {
        Set<String> expressions = new TreeSet<>();
        for (Path file : OperatorFiles.ruleTestFiles()) {
            for (JsonNode test : OperatorFiles.yaml(file).path("tests")) {
                for (JsonNode exprTest : test.path("promql_expr_test")) {
                    if (!exprTest.path("exp_samples").isEmpty()) {
                        expressions.add(exprTest.path("expr").asString().strip());
                    }
                }
            }
        }
        return expressions;
    }
}
