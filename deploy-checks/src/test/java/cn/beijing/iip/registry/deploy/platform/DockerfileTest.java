package cn.beijing.iip.registry.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one Dockerfile of the four apps: non-root, layered, sized by its container. */
class DockerfileTest {

    /** One instruction, continuation lines joined. */
    record Instruction(String keyword, String arguments, int stage) {
    }

    private static List<Instruction> instructions;

    @BeforeAll
    static void readTheDockerfile() throws IOException {
        instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int stage = -1;
        for (String line : Files.readAllLines(RepoPaths.DOCKERFILE)) {
            String trimmed = line.strip();
            if (pending.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String text = pending.toString().strip();
            pending.setLength(0);
            String[] parts = text.split("\\s+", 2);
            String keyword = parts[0].toUpperCase();
            if (keyword.equals("FROM")) {
                stage++;
            }
            instructions.add(new Instruction(keyword, parts.length > 1 ? parts[1] : "", stage));
        }
    }

    @Test
    void runsTheAppAsANumericNonRootUser() {
        int last = lastStage();
        List<Instruction> users = of("USER").stream().filter(i -> i.stage() == last).toList();
        assertThat(users).as("USER in the final stage").isNotEmpty();
        String user = users.getLast().arguments().split(":")[0];
        assertThat(user).as("numeric, so runAsNonRoot can be verified").matches("\\d+");
        assertThat(Integer.parseInt(user)).isPositive();
        Instruction entrypoint = of("ENTRYPOINT").getLast();
        assertThat(instructions.indexOf(users.getLast())).as("USER before ENTRYPOINT")
                .isLessThan(instructions.indexOf(entrypoint));
        assertThat(of("RUN").stream().filter(i -> i.stage() == last).map(Instruction::arguments))
                .as("the user is created in the image").anySatisfy(run -> assertThat(run).contains("useradd").contains(user));
    }

    @Test
    void extractsBootLayersAndCopiesEachAsAnImageLayerInOrderOfChange() {
        assertThat(of("RUN")).anySatisfy(run -> assertThat(run.arguments())
                .contains("-Djarmode=tools").contains("extract").contains("--layers").contains("--launcher"));
        List<String> copied = new ArrayList<>();
        Pattern layer = Pattern.compile("--from=\\S+\\s+\\S*/extracted/([a-z-]+)/\\s+\\./");
        for (Instruction copy : of("COPY")) {
            Matcher matcher = layer.matcher(copy.arguments());
            if (matcher.find() && copy.stage() == lastStage()) {
                copied.add(matcher.group(1));
            }
        }
        assertThat(copied).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        assertThat(of("ENTRYPOINT").getLast().arguments()).contains("org.springframework.boot.loader.launch.JarLauncher");
    }

    @Test
    void sizesTheHeapFromTheContainersMemory() {
        String entrypoint = of("ENTRYPOINT").getLast().arguments();
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError")
                .doesNotContain("-Xmx");
    }

    @Test
    void buildsOnTemurin21Jre() {
        Map<String, String> arguments = new HashMap<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("ARG") && instruction.arguments().contains("=")) {
                String[] pair = instruction.arguments().split("=", 2);
                arguments.putIfAbsent(pair[0], pair[1]);
            }
        }
        for (Instruction from : of("FROM")) {
            String image = from.arguments().split("\\s+")[0];
            Matcher variable = Pattern.compile("\\$\\{(\\w+)}").matcher(image);
            String resolved = variable.matches() ? arguments.get(variable.group(1)) : image;
            assertThat(resolved).as("FROM " + image).startsWith("eclipse-temurin:21-jre");
        }
    }

    @Test
    void checksReadinessForCompose() {
        assertThat(of("HEALTHCHECK")).hasSize(1);
        String healthcheck = of("HEALTHCHECK").getFirst().arguments();
        assertThat(healthcheck).contains("/actuator/health/readiness").contains("IIP_PORT").contains("MANAGEMENT_SERVER_PORT");
    }

    @Test
    void copiesTheRunnableJarThatTheBuildProducesAndTheContextLetsThrough() throws IOException {
        String version = projectVersion();
        Map<String, String> arguments = new HashMap<>();
        of("ARG").stream().filter(a -> a.arguments().contains("=")).forEach(a -> {
            String[] pair = a.arguments().split("=", 2);
            arguments.putIfAbsent(pair[0], pair[1]);
        });
        assertThat(arguments).containsEntry("VERSION", version);
        String source = of("COPY").getFirst().arguments().split("\\s+")[0];
        List<String> allowed = Files.readAllLines(RepoPaths.ROOT.resolve(".dockerignore")).stream()
                .filter(l -> l.startsWith("!")).map(l -> l.substring(1)).toList();
        assertThat(Files.readAllLines(RepoPaths.ROOT.resolve(".dockerignore"))).contains("**");
        for (String app : Apps.ALL) {
            String jar = source.replace("${APP}", app).replace("${VERSION}", version);
            assertThat(jar).isEqualTo(app + "/target/" + app + "-" + version + "-exec.jar");
            assertThat(allowed).as(jar + " passes .dockerignore").anySatisfy(pattern -> {
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
                assertThat(matcher.matches(Path.of(jar))).isTrue();
            });
        }
    }

    private static String projectVersion() throws IOException {
        String pom = Files.readString(RepoPaths.ROOT.resolve("pom.xml"));
        Matcher matcher = Pattern.compile("<artifactId>iip-registry</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(matcher.find()).as("the project's version in pom.xml").isTrue();
        return matcher.group(1);
    }

    private static int lastStage() {
        return instructions.getLast().stage();
    }

    private static List<Instruction> of(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }
}
