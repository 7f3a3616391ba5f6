package cn.beijing.iip.registry.deploy.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs an operator's tool (docker-compose, kustomize) and keeps what it printed. */
record Command(int exitCode, String stdout, String stderr) {

    static Command run(List<String> command, Path workingDirectory) {
        return run(command, workingDirectory, environment -> {
        });
    }

    static Command run(List<String> command, Path workingDirectory, Consumer<Map<String, String>> environment) {
        try {
            Files.createDirectories(RepoPaths.SCRATCH);
            Path out = Files.createTempFile(RepoPaths.SCRATCH, "out", ".txt");
            Path err = Files.createTempFile(RepoPaths.SCRATCH, "err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            environment.accept(builder.environment());
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            Command result = new Command(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether an executable of this name is on the PATH. */
    static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
