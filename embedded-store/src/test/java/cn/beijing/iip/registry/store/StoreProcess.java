package cn.beijing.iip.registry.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A store in its own JVM, as ./run.sh starts it: its output captured, its ready line awaited. */
final class StoreProcess implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern READY = Pattern.compile("^store ready on ([^ :]+):(\\d+)");

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final List<Thread> readers = new ArrayList<>();

    private StoreProcess(List<String> command) {
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        drain(process.getInputStream(), stdout, true);
        drain(process.getErrorStream(), stderr, false);
        process.onExit().thenRun(() -> port.completeExceptionally(new IllegalStateException("exited")));
    }

    /** The store's main class from this test run's class path. */
    static List<String> fromClasspath(String... args) {
        return command(List.of("-cp", System.getProperty("java.class.path"), EmbeddedStore.class.getName()), args);
    }

    /** Another main class from this test run's class path, such as a baseline to compare with. */
    static List<String> mainClass(Class<?> main, String... args) {
        return command(List.of("-cp", System.getProperty("java.class.path"), main.getName()), args);
    }

    /** The runnable jar the build produced, which ./run.sh starts. */
    static List<String> fromExecJar(String... args) {
        String jar = System.getProperty("embedded-store.exec-jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the runnable jar is built by 'package'; run these tests with './mvnw verify' (embedded-store.exec-jar=" + jar + ")");
        }
        return command(List.of("-jar", jar), args);
    }

    private static List<String> command(List<String> launch, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(launch);
        command.addAll(List.of(args));
        return command;
    }

    /** Starts the command and waits for its ready line. */
    static StoreProcess startReady(List<String> command) {
        StoreProcess store = new StoreProcess(command);
        store.awaitReady();
        return store;
    }

    /** Starts the command without waiting for anything, for starts that are meant to fail. */
    static StoreProcess start(List<String> command) {
        return new StoreProcess(command);
    }

    private void awaitReady() {
        try {
            port.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while the store started");
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("the store did not get ready; stdout: " + stdout + " stderr: " + stderr);
        }
    }

    int port() {
        return port.join();
    }

    String uri() {
        return "mongodb://127.0.0.1:" + port();
    }

    List<String> stdout() {
        return List.copyOf(stdout);
    }

    List<String> stderr() {
        return List.copyOf(stderr);
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit() {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the store did not exit within " + STOP_TIMEOUT + "; stdout: " + stdout);
            }
            // the last lines are still in the pipes when the process ends
            for (Thread reader : readers) {
                reader.join(STOP_TIMEOUT.toMillis());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store to exit");
        }
    }

    /** SIGTERM, as Ctrl-C or a service manager sends; returns the exit code. */
    int stop() {
        // Process.destroy() would also close the pipes and lose what the store prints while it stops
        process.toHandle().destroy();
        return awaitExit();
    }

    /** SIGKILL: no shutdown hook, no last commit. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void drain(InputStream stream, List<String> lines, boolean watchForReady) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    Matcher ready = READY.matcher(line);
                    if (watchForReady && ready.find()) {
                        port.complete(Integer.parseInt(ready.group(2)));
                    }
                }
            } catch (IOException e) {
                // the process is gone; what was read is kept
            }
        }, "store-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        readers.add(reader);
    }
}
