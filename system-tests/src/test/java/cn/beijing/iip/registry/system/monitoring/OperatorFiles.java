package cn.beijing.iip.registry.system.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import cn.beijing.iip.registry.system.support.Paths;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The operator files of deploy/ that these tests prove against live data: Prometheus's config and rules,
 * and the Grafana dashboard. Read from the checkout, so that the test runs what operators would run.
 */
final class OperatorFiles {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** A recording rule: the series it records and the expression it records. */
    record Recording(String record, String expr) {
    }

    private OperatorFiles() {
    }

    static Path prometheus() {
        return Paths.root().resolve("deploy/prometheus");
    }

    static Path dashboard() {
        return Paths.root().resolve("deploy/grafana/dashboards/iip-progress.json");
    }

    static JsonNode dashboardJson() {
        return JSON.readTree(dashboard().toFile());
    }

    /**
     * The local run's config ({@code deploy/prometheus/prometheus.yml}) for the test: the same jobs,
     * metrics paths and rule files, with each job's targets replaced by the addresses given for it and
     * scrapes and rule evaluations every {@code interval}, so that the test need not wait long.
     */
    static String prometheusConfig(Map<String, List<String>> targetsByJob, Duration interval) {
        ObjectNode config = (ObjectNode) YAML.readTree(prometheus().resolve("prometheus.yml").toFile());
        ObjectNode global = config.has("global") ? (ObjectNode) config.get("global") : config.putObject("global");
        global.put("scrape_interval", interval.toMillis() + "ms");
        global.put("evaluation_interval", interval.toMillis() + "ms");

        // rule files are relative to the config's directory, which the test's copy is not in
        ArrayNode ruleFiles = config.putArray("rule_files");
        for (JsonNode pattern : YAML.readTree(prometheus().resolve("prometheus.yml").toFile()).path("rule_files")) {
            ruleFiles.add(prometheus().resolve(pattern.asString()).toString());
        }

        TreeSet<String> jobs = new TreeSet<>();
        for (JsonNode scrape : config.path("scrape_configs")) {
            String job = scrape.path("job_name").asString();
            jobs.add(job);
            List<String> targets = targetsByJob.get(job);
            if (targets == null) {
                throw new IllegalStateException("job " + job + " of prometheus.yml has no process in the test system");
            }
            ObjectNode scrapeConfig = (ObjectNode) scrape;
            if (scrapeConfig.has("scrape_interval")) {
                scrapeConfig.put("scrape_interval", interval.toMillis() + "ms");
            }
            ArrayNode staticConfigs = scrapeConfig.putArray("static_configs");
            ArrayNode addresses = staticConfigs.addObject().putArray("targets");
            targets.forEach(addresses::add);
        }
        if (!jobs.equals(new TreeSet<>(targetsByJob.keySet()))) {
            throw new IllegalStateException("prometheus.yml scrapes " + jobs + ", the test system runs "
                    + targetsByJob.keySet());
        }
        return YAML.writeValueAsString(config);
    }

    static List<Path> ruleFiles() {
        try (Stream<Path> files = Files.list(prometheus().resolve("rules"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Recording> recordingRules() {
        List<Recording> records = new ArrayList<>();
        for (JsonNode rule : rules()) {
            if (rule.has("record")) {
                records.add(new Recording(rule.path("record").asString(), rule.path("expr").asString().strip()));
            }
        }
        return records;
    }

    static List<String> alertNames() {
        return rules().stream().filter(rule -> rule.has("alert")).map(rule -> rule.path("alert").asString()).toList();
    }

    private static List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                group.path("rules").forEach(rules::add);
            }
        }
        return rules;
    }
}
