package cn.beijing.iip.registry.system.faults;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import cn.beijing.iip.registry.system.support.AppProcess;

/**
 * The processes a fault test starts for itself, in front of or beside the shared system, so that it
 * can kill and restart them without disturbing other tests. All are stopped, last started first, when
 * the test ends, however it ends.
 */
final class OwnProcesses implements AutoCloseable {

    static final String READINESS = "/actuator/health/readiness";
    static final Duration START_LIMIT = Duration.ofMinutes(3);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Starts a store and waits for its ready line. */
    AppProcess store(AppProcess store) {
        started.push(store);
        store.start().awaitLogLine("store ready", Duration.ofSeconds(60));
        return store;
    }

    /** Starts an app and waits until its readiness probe answers 200. */
    AppProcess app(AppProcess app) {
        started.push(app);
        app.start().awaitReady(READINESS, START_LIMIT);
        return app;
    }

    /** Anything else that must be stopped with the test. */
    <T extends AutoCloseable> T track(T resource) {
        started.push(resource);
        return resource;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("could not stop everything a fault test started", e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
