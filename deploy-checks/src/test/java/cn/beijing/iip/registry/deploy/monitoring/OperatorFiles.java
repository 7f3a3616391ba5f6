package cn.beijing.iip.registry.deploy.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The operator files under {@code deploy/}, read from the checkout the build runs in. */
final class OperatorFiles {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final YAMLMapper YAML = YAMLMapper.builder().build();

    private OperatorFiles() {
    }

    /** The checkout's root: Maven runs the tests in deploy-checks/, one level below it. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.isRegularFile(dir.resolve("seeds/plan.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no checkout with deploy/ and seeds/plan.json above " + here);
    }

    static Path prometheus() {
        return root().resolve("deploy/prometheus");
    }

    static Path grafana() {
        return root().resolve("deploy/grafana");
    }

    static Path dashboard() {
        return grafana().resolve("dashboards/iip-progress.json");
    }

    static List<Path> ruleFiles() {
        return yamlFiles(prometheus().resolve("rules"));
    }

    static List<Path> ruleTestFiles() {
        return yamlFiles(prometheus().resolve("tests"));
    }

    static List<Path> yamlFiles(Path dir) {
        return filesEndingIn(dir, ".yml");
    }

    static List<Path> filesEndingIn(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(Path file) {
        return YAML.readTree(file.toFile());
    }

    static JsonNode json(Path file) {
        return JSON.readTree(file.toFile());
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
