package cn.beijing.iip.registry.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the system's programs running as its own process, as ./run.sh and an operator run it:
 * {@code java -jar <module>-exec.jar} with its settings in the environment, its output in a log file.
 */
public final class AppProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private ChildProcess process;

    private AppProcess(String name, List<String> command, Map<String, String> environment, Path log, int port) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.port = port;
    }

    /** A Spring Boot app of this repository, configured by environment variables as the README lists them. */
    public static AppProcess app(String module, int port, Map<String, String> environment) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("IIP_PORT", String.valueOf(port));
        env.putIfAbsent("IIP_LOG_FORMAT", "");
        return java(module, module + "-" + port, port, env, List.of());
    }

    /** The embedded store on {@code port}: an H2 file under {@code data}, or memory when {@code data} is null. */
    public static AppProcess store(int port, Path data) {
        List<String> arguments = new ArrayList<>(List.of("--port=" + port));
        arguments.add(data == null ? "--memory" : "--data=" + data);
        return java("embedded-store", "store-" + port, port, Map.of(), arguments);
    }

    private static AppProcess java(String module, String name, int port, Map<String, String> env, List<String> arguments) {
        Path jar = Paths.jar(module);
        List<String> command = new ArrayList<>(List.of(Paths.java(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()));
        command.addAll(arguments);
        return new AppProcess(name, command, env, Paths.logs().resolve(name + ".log"), port);
    }

    public AppProcess start() {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            // whatever happens to the test JVM, its processes never outlive it
            process = new ChildProcess(builder.start(), name);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until {@code path} answers 200 on this process's port. */
    public AppProcess awaitReady(String path, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting; see " + log);
            }
            if (answers(path)) {
                return this;
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + limit + "; see " + log);
    }

    public boolean answers(String path) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until the store's ready line is in its log. */
    public AppProcess awaitLogLine(String text, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting; see " + log);
            }
            try {
                if (Files.exists(log) && Files.readString(log).contains(text)) {
                    return this;
                }
            } catch (IOException e) {
                // not yet readable
            }
            sleep(100);
        }
        throw new IllegalStateException(name + " did not log '" + text + "' within " + limit + "; see " + log);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** A graceful stop (SIGTERM), as an operator would stop it. */
    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
        }
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    public void kill() {
        if (process != null) {
            process.kill();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
