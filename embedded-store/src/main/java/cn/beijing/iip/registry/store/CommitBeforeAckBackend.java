package cn.beijing.iip.registry.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.RandomAccessStore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * The H2 file backend, committing the MVStore after every command that may change data and before
 * its reply leaves, so an acknowledged write is in the file even if the process is killed right after.
 * <p>
 * Commands run side by side under a shared gate; a commit takes the gate exclusively, so it only ever
 * stores whole commands: an insert is never on disk with its unique-index key but without its document.
 * H2's own background and size-triggered commits are switched off for the same reason; this class is
 * the only one that commits, and {@link #housekeep()} does the space keeping they would have done.
 */
public final class CommitBeforeAckBackend extends H2Backend {

    // lower-case names of commands that never change stored data; every other command is committed
    private static final Set<String> READ_ONLY = Set.of("find", "getmore", "killcursors", "count", "distinct",
            "listcollections", "listindexes", "listdatabases", "hello", "ismaster", "ping", "buildinfo",
            "serverstatus", "dbstats", "collstats", "whatsmyuri", "getlasterror", "endsessions", "getparameter",
            "getcmdlineopts", "connectionstatus", "hostinfo", "getlog", "getfreemonitoringstatus");

    // H2's background housekeeping rewrites chunks below this fill rate and moves chunks when the file is below it
    private static final int TARGET_FILL_RATE = 80;
    private static final int REWRITE_LIMIT_BYTES = 4 * 1024 * 1024;
    private static final long MOVE_LIMIT_BYTES = 64L * 1024 * 1024;
    private static final int COMPACTION_ON_CLOSE_MILLIS = 2_000;
    // H2 reuses a dead chunk's space only after this long (45 s by default), assuming the OS has written it
    // to disk by then; flushToDisk() forces that every second, so 5 s keeps the safety and a ninth of the space
    private static final int RETENTION_MILLIS = 5_000;

    private final MVStore mvStore;
    // fair, so a waiting commit is not starved by a stream of new commands
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);
    private final AtomicLong writes = new AtomicLong();
    private long writesAtLastHousekeeping = -1;
    private final AtomicLong writesAtLastFlush = new AtomicLong();

    private CommitBeforeAckBackend(MVStore mvStore) {
        super(mvStore);
        this.mvStore = mvStore;
    }

    /** Opens (or creates) the store file; its directory must exist. */
    public static CommitBeforeAckBackend open(Path file) {
        MVStore mvStore = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .autoCommitBufferSize(0)
                // each commit rewrites whole pages: smaller, compressed pages cut the bytes per write from ~45 to ~14 KiB
                .keysPerPage(16)
                .compress()
                .open();
        mvStore.setRetentionTime(RETENTION_MILLIS);
        CommitBeforeAckBackend backend = new CommitBeforeAckBackend(mvStore);
        // opening existing databases may have touched their metadata
        backend.commit();
        return backend;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // called from H2Backend's constructor, before this class's fields are set
        return new RenameSafeH2Database(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Lock shared = gate.readLock();
        shared.lock();
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            shared.unlock();
            // also after a failed command: an ordered insertMany may have stored some documents before failing
            if (mayChangeData(command, query)) {
                commit();
                // counted once in the file, so the next flush to disk includes it
                writes.incrementAndGet();
            }
        }
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        Lock shared = gate.readLock();
        shared.lock();
        try {
            return super.handleQuery(query);
        } finally {
            shared.unlock();
        }
    }

    /** Stores every change of every finished command; returns once they are written to the file. */
    @Override
    public void commit() {
        Lock exclusive = gate.writeLock();
        exclusive.lock();
        try {
            mvStore.commit();
        } finally {
            exclusive.unlock();
        }
    }

    /**
     * Keeps the file from growing without end under a stream of small commits: rewrites the live pages
     * of sparsely used chunks, and once no write came since the last call, moves chunks into the holes
     * and cuts the file's tail. Space of chunks H2 still retains (45 s) comes back in a later call.
     */
    public void housekeep() {
        Lock exclusive = gate.writeLock();
        exclusive.lock();
        try {
            if (mvStore.isClosed()) {
                return;
            }
            long writesNow = writes.get();
            boolean idle = writesNow == writesAtLastHousekeeping;
            writesAtLastHousekeeping = writesNow;
            if (mvStore.compact(TARGET_FILL_RATE, REWRITE_LIMIT_BYTES)) {
                mvStore.commit();
            }
            if (idle && mvStore.getFileStore() instanceof RandomAccessStore file) {
                file.compactMoveChunks(TARGET_FILL_RATE, MOVE_LIMIT_BYTES, mvStore);
            }
        } finally {
            exclusive.unlock();
        }
    }

    /**
     * Forces committed writes from the OS's cache onto the disk, if there were any since the last call.
     * A killed process loses nothing without this; a machine that loses power loses at most what came
     * after the last call.
     */
    public void flushToDisk() {
        long writesNow = writes.get();
        if (writesNow == writesAtLastFlush.getAndSet(writesNow) || mvStore.isClosed()) {
            return;
        }
        try {
            mvStore.sync();
        } catch (MVStoreException e) {
            // closed while syncing: closing syncs too
            if (!mvStore.isClosed()) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        Lock exclusive = gate.writeLock();
        exclusive.lock();
        try {
            // commits what is left and packs the file; an unclean stop loses nothing either, it only leaves it larger
            mvStore.close(COMPACTION_ON_CLOSE_MILLIS);
        } finally {
            exclusive.unlock();
        }
        super.close();
    }

    static boolean mayChangeData(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            return writesOutput(query.get("pipeline"));
        }
        return !READ_ONLY.contains(name);
    }

    private static boolean writesOutput(Object pipeline) {
        if (!(pipeline instanceof List<?> stages)) {
            return true;
        }
        return stages.stream().anyMatch(stage -> !(stage instanceof Document document)
                || document.containsKey("$out") || document.containsKey("$merge"));
    }
}
