package cn.beijing.iip.registry.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code redis-server} as a process on a free loopback port, keeping nothing on disk, as the
 * gateways' shared rate-limit store. {@code redis-cli} reads what the gateways wrote. Both come with the
 * Debian package {@code redis-server}, which ./test.sh installs when it is missing.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(30);

    private final int port;
    private final Path log;
    private final ChildProcess process;

    private RedisServer(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        // whatever happens to the test JVM, Redis never outlives it
        this.process = new ChildProcess(process, "redis-" + port);
    }

    /** Starts Redis on a free port and waits until it answers PING. */
    public static RedisServer start() {
        int port = AppProcess.freePort();
        Path log = Paths.logs().resolve("redis-" + port + ".log");
        try {
            Path dir = Files.createDirectories(Paths.logs().resolve("redis-" + port));
            Process process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            RedisServer redis = new RedisServer(port, log, process);
            try {
                redis.awaitPong();
            } catch (RuntimeException e) {
                redis.close();
                throw e;
            }
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException("redis-server cannot be started (Debian package redis-server;"
                    + " ./test.sh installs it): " + e.getMessage(), e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The keys matching {@code pattern}, as {@code redis-cli --scan} lists them. */
    public List<String> keys(String pattern) {
        return cli("--scan", "--pattern", pattern).lines().filter(line -> !line.isBlank()).toList();
    }

    /** What {@code redis-cli} prints for a command against this server. */
    public String cli(String... arguments) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port)));
        command.addAll(List.of(arguments));
        try {
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = cli.getInputStream().readAllBytes();
            if (!cli.waitFor(30, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new IllegalStateException("redis-cli " + String.join(" ", arguments) + " did not finish");
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("redis-cli cannot be run (Debian package redis-server)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitPong() {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server stopped while starting; see " + log);
            }
            if (cli("ping").strip().equals("PONG")) {
                return;
            }
            AppProcess.sleep(100);
        }
        throw new IllegalStateException("redis-server did not answer PING within " + START_LIMIT + "; see " + log);
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}
