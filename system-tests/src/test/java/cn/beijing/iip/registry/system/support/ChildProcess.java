package cn.beijing.iip.registry.system.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A process a test started: killed by a shutdown hook should the test JVM end without stopping it,
 * stopped politely (SIGTERM, then SIGKILL after a grace period) or killed outright.
 */
final class ChildProcess {

    private final Process process;
    private Thread reaper;

    ChildProcess(Process process, String name) {
        this.process = process;
        this.reaper = new Thread(process::destroyForcibly, name + "-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, so that it can close its storage; SIGKILL when it is still there after {@code grace}. */
    void stop(Duration grace) {
        forgetReaper();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    void kill() {
        forgetReaper();
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forgetReaper() {
        if (reaper != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the reaper runs anyway
            }
            reaper = null;
        }
    }
}
