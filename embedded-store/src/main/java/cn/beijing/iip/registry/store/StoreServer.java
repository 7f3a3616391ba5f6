package cn.beijing.iip.registry.store;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** A running store: the MongoDB wire protocol on a TCP port, over the storage the options name. */
public final class StoreServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreServer.class);

    private static final long HOUSEKEEPING_PERIOD_MILLIS = 10_000;
    private static final long FLUSH_PERIOD_MILLIS = 1_000;

    private final MongoServer server;
    private final StoreOptions.Storage storage;
    private final ScheduledExecutorService housekeeping;
    private boolean closed;

    private StoreServer(MongoServer server, StoreOptions.Storage storage, ScheduledExecutorService housekeeping) {
        this.server = server;
        this.storage = storage;
        this.housekeeping = housekeeping;
    }

    /** Opens the storage and binds the port; a {@link StartupException} says in one line why it could not. */
    public static StoreServer start(StoreOptions options) {
        MongoBackend backend = open(options.storage());
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(options.host(), options.port());
        } catch (Exception e) {
            // bind() has already shut the server and closed the backend; the address is the operator's choice
            String reason = switch (e) {
                case UnresolvedAddressException unresolved -> "unknown host";
                case BindException taken when String.valueOf(taken.getMessage()).contains("in use") ->
                        taken.getMessage() + " (is another store or mongod running there?)";
                default -> describe(e);
            };
            throw StartupException.configuration("cannot listen on " + options.host() + ":" + options.port() + ": " + reason, e);
        }
        ScheduledExecutorService housekeeping = null;
        if (backend instanceof CommitBeforeAckBackend file) {
            housekeeping = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "store-housekeeping");
                thread.setDaemon(true);
                return thread;
            });
            housekeeping.scheduleWithFixedDelay(() -> quietly("flushing the store file to disk", file::flushToDisk),
                    FLUSH_PERIOD_MILLIS, FLUSH_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            housekeeping.scheduleWithFixedDelay(() -> quietly("housekeeping of the store file", file::housekeep),
                    HOUSEKEEPING_PERIOD_MILLIS, HOUSEKEEPING_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
        return new StoreServer(server, options.storage(), housekeeping);
    }

    private static MongoBackend open(StoreOptions.Storage storage) {
        return switch (storage) {
            case StoreOptions.Storage.Memory memory -> new MemoryBackend();
            case StoreOptions.Storage.File file -> openFile(file);
        };
    }

    private static MongoBackend openFile(StoreOptions.Storage.File storage) {
        Path directory = storage.directory();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw StartupException.configuration("cannot create the data directory " + directory + ": " + describe(e), e);
        }
        if (!Files.isWritable(directory)) {
            throw StartupException.configuration("the data directory " + directory + " is not writable", null);
        }
        Path file = storage.file();
        try {
            return CommitBeforeAckBackend.open(file);
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw StartupException.configuration("the store file " + file + " is in use by another process", e);
            }
            throw new StartupException("cannot open the store file " + file + ": " + firstLine(e.getMessage()),
                    StartupException.FAILURE, e);
        }
    }

    private static void quietly(String task, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("{} failed, will try again: {}", task, e.toString());
        }
    }

    public InetSocketAddress address() {
        return server.getLocalAddress();
    }

    /** The line scripts wait for: {@code store ready on HOST:PORT (...)}. */
    public String readyLine() {
        InetSocketAddress address = address();
        String where = switch (storage) {
            case StoreOptions.Storage.Memory memory -> "memory, nothing kept on disk";
            case StoreOptions.Storage.File file -> "H2 file " + file.file() + ", each write committed before it is acknowledged";
        };
        return "store ready on " + address.getHostString() + ":" + address.getPort() + " (" + where + ")";
    }

    /** Stops accepting clients, lets running commands finish, then commits and closes the store file. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (housekeeping != null) {
            // no interrupt: it would close H2's file channel in the middle of a write
            housekeeping.shutdown();
            try {
                housekeeping.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        server.shutdownNow();
        log.info("store stopped");
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }
}
