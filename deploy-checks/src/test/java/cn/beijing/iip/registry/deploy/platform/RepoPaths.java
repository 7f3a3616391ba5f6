package cn.beijing.iip.registry.deploy.platform;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's operator files are, wherever Maven started the tests from. */
final class RepoPaths {

    static final Path ROOT = findRoot();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
    static final Path COMPOSE_DIR = DEPLOY.resolve("compose");
    static final Path COMPOSE_FILE = COMPOSE_DIR.resolve("docker-compose.yml");
    static final Path COMPOSE_EXAMPLE_ENV = COMPOSE_DIR.resolve("example.env");
    static final Path DOCKERFILE = ROOT.resolve("Dockerfile");
    /** Scratch space under the module's target directory, so mvn clean removes it. */
    static final Path SCRATCH = ROOT.resolve("deploy-checks").resolve("target").resolve("deploy-platform");

    private RepoPaths() {
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy-checks")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the IIP Registry repository: " + Path.of("").toAbsolutePath());
    }
}
