package cn.beijing.iip.registry.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;

class PrometheusRulesTest {

    static Stream<Path> ruleTestFiles() {
        return OperatorFiles.ruleTestFiles().stream();
    }

    @Test
    void rulesPassPromtoolsCheck() {
        List<String> files = OperatorFiles.ruleFiles().stream().map(Path::toString).toList();
        assertThat(files).isNotEmpty();

        Promtool.Result result = Promtool.run(OperatorFiles.prometheus(),
                Stream.concat(Stream.of("check", "rules"), files.stream()).toArray(String[]::new));

        assertThat(result.succeeded()).as(result.output()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("ruleTestFiles")
    void ruleUnitTestsPass(Path testFile) {
        Promtool.Result result = Promtool.run(testFile.getParent(), "test", "rules", testFile.getFileName().toString());

        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void promtoolFailsWhenARecordingRuleTestExpectsAWrongValue(@TempDir Path temp) {
        Path broken = copyWithRulesBeside("recording-rules-test.yml", temp,
                "labels: 'target:iip_target_progress:ratio{target=\"platforms\"}'\n            value: 0.7",
                "labels: 'target:iip_target_progress:ratio{target=\"platforms\"}'\n            value: 1.4");

        Promtool.Result result = Promtool.run(temp.resolve("tests"), "test", "rules", broken.getFileName().toString());

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("FAILED").contains("target:iip_target_progress:ratio");
    }

    @Test
    void promtoolFailsWhenAnAlertTestExpectsSilenceFromAFiringAlert(@TempDir Path temp) {
        String test = OperatorFiles.read(OperatorFiles.prometheus().resolve("tests/alerts-test.yml"));
        int firing = test.indexOf("      - alertname: IipServiceDown\n        eval_time: 5m\n        exp_alerts:\n");
        assertThat(firing).isNotNegative();
        int next = test.indexOf("      - alertname:", firing + 1);
        String silenced = test.substring(0, firing)
                + "      - alertname: IipServiceDown\n        eval_time: 5m\n        exp_alerts: []\n"
                + test.substring(next);
        OperatorFiles.write(temp.resolve("tests/alerts-test.yml"), silenced);
        copyRules(temp);

        Promtool.Result result = Promtool.run(temp.resolve("tests"), "test", "rules", "alerts-test.yml");

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("FAILED").contains("IipServiceDown");
    }

    @Test
    void everyAlertIsTestedFiringAndQuiet() {
        List<RuleFiles.AlertTest> tests = RuleFiles.alertTests();
        List<String> untested = new ArrayList<>();
        for (RuleFiles.Rule alert : RuleFiles.alerts()) {
            boolean firing = tests.stream().anyMatch(t -> t.alertname().equals(alert.name()) && t.expectsFiring());
            boolean quiet = tests.stream().anyMatch(t -> t.alertname().equals(alert.name()) && !t.expectsFiring());
            if (!firing) {
                untested.add(alert.name() + " has no test in which it fires");
            }
            if (!quiet) {
                untested.add(alert.name() + " has no test in which it stays quiet");
            }
        }
        assertThat(untested).isEmpty();
    }

    @Test
    void everyAlertTestNamesAnExistingAlert() {
        Set<String> alerts = new LinkedHashSet<>(RuleFiles.alerts().stream().map(RuleFiles.Rule::name).toList());

        assertThat(RuleFiles.alertTests()).allSatisfy(test -> assertThat(alerts).as(test.file() + ": " + test.testName())
                .contains(test.alertname()));
    }

    @Test
    void everyRecordingRuleIsTestedWithExpectedSamples() {
        assertThat(RuleFiles.testedExpressionsWithSamples()).containsAll(RuleFiles.recordNames());
    }

    @Test
    void everyAlertHasAWaitASeverityAndReadableAnnotations() {
        assertThat(RuleFiles.alerts()).isNotEmpty().allSatisfy(alert -> {
            JsonNode rule = alert.node();
            assertThat(rule.path("for").asString()).as(alert.name() + " for").matches("\\d+[smhd]");
            assertThat(rule.path("labels").path("severity").asString()).as(alert.name() + " severity")
                    .isIn("critical", "warning", "info");
            assertThat(rule.path("annotations").path("summary").asString()).as(alert.name() + " summary").isNotBlank();
            assertThat(rule.path("annotations").path("description").asString()).as(alert.name() + " description")
                    .hasSizeGreaterThan(30);
        });
    }

    @Test
    void alertAndRecordNamesAreUnique() {
        List<String> names = RuleFiles.rules().stream().map(RuleFiles.Rule::name).toList();

        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void ruleGroupNamesAreUniqueAcrossFiles() {
        List<String> groups = RuleFiles.groupsByFile().values().stream().flatMap(List::stream).toList();

        assertThat(groups).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("ruleTestFiles")
    void ruleTestsFixTheOrderOfEveryGroupTheyLoad(Path testFile) {
        // without group_eval_order promtool evaluates groups in random order, and an alert that reads a
        // recorded series may then see the previous evaluation's value: a flaky test
        JsonNode test = OperatorFiles.yaml(testFile);
        List<String> loaded = new ArrayList<>();
        for (JsonNode ruleFile : test.path("rule_files")) {
            Path file = testFile.getParent().resolve(ruleFile.asString()).normalize();
            loaded.addAll(RuleFiles.groupsByFile().getOrDefault(file, List.of()));
        }
        List<String> order = test.path("group_eval_order").values().stream().map(JsonNode::asString).toList();

        assertThat(loaded).isNotEmpty();
        assertThat(order).containsExactlyInAnyOrderElementsOf(loaded);
        List<String> recordingFirst = new ArrayList<>(order);
        recordingFirst.sort((a, b) -> Boolean.compare(isAlertGroup(a), isAlertGroup(b)));
        assertThat(order).as("recording groups before alert groups").isEqualTo(recordingFirst);
    }

    @Test
    void rulesUseOnlyPublishedMetricsLabelsAndValues() {
        MetricCatalogue catalogue = MetricCatalogue.withRecordingRules(RuleFiles.recordNames());

        assertThat(RuleFiles.rules()).allSatisfy(rule -> assertThat(catalogue.problems(rule.expr()))
                .as(rule.name()).isEmpty());
    }

    private static boolean isAlertGroup(String group) {
        return RuleFiles.rules().stream().anyMatch(rule -> rule.group().equals(group) && rule.alert());
    }

    private static Path copyWithRulesBeside(String testFile, Path temp, String original, String replacement) {
        String test = OperatorFiles.read(OperatorFiles.prometheus().resolve("tests").resolve(testFile));
        assertThat(test).contains(original);
        Path copy = temp.resolve("tests").resolve(testFile);
        OperatorFiles.write(copy, test.replace(original, replacement));
        copyRules(temp);
        return copy;
    }

    private static void copyRules(Path temp) {
        for (Path rules : OperatorFiles.ruleFiles()) {
            OperatorFiles.write(temp.resolve("rules").resolve(rules.getFileName()), OperatorFiles.read(rules));
        }
    }
}
