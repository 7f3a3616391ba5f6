package cn.beijing.iip.registry.system.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built apps, the repository's files and the test logs are. */
public final class Paths {

    private static final String VERSION = "1.0.0-SNAPSHOT";

    private Paths() {
    }

    /** The repository's root: {@code iip.root}, which the build sets, else the module's parent. */
    public static Path root() {
        return Path.of(System.getProperty("iip.root", "..")).toAbsolutePath().normalize();
    }

    public static Path jar(String module) {
        Path jar = root().resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw -B verify (the reactor packages"
                    + " the apps before the system tests run)");
        }
        return jar;
    }

    public static Path logs() {
        return root().resolve("system-tests").resolve("target").resolve("system-logs");
    }

    /** The java of the JVM running the tests (a JDK 21 or newer). */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
