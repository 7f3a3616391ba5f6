package cn.beijing.iip.registry.store;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

/** The H2-backed store in its own JVM keeps what it acknowledged, whether it is stopped or killed. */
class DurabilityIT {

    private static final String NAME_INDEX = "name_unique";
    private static final int KILL_ROUNDS = 8;
    private static final int WRITERS = 4;
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(20);
    private static final String PAYLOAD = "x".repeat(300);
    private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

    @TempDir
    Path data;

    @Test
    void keepsDataAndUniqueIndexesAcrossAGracefulRestart() {
        try (StoreProcess store = StoreProcess.startReady(StoreProcess.fromClasspath("--port=0", "--data=" + data));
                MongoClient client = Clients.connect(store.uri())) {
            MongoCollection<Document> entries = entries(client);
            for (int i = 0; i < 100; i++) {
                entries.insertOne(new Document("_id", "e" + i).append("name", "name-" + i));
            }
            client.close();

            int exitCode = store.stop();

            assertThat(exitCode).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(store.stdout()).anyMatch(line -> line.contains("store stopped"));
        }
        try (StoreProcess store = StoreProcess.startReady(StoreProcess.fromClasspath("--port=0", "--data=" + data));
                MongoClient client = Clients.connect(store.uri())) {
            MongoCollection<Document> entries = client.getDatabase("iip").getCollection("entries");

            assertThat(entries.countDocuments()).isEqualTo(100);
            assertThat(entries.find(eq("_id", "e42")).first()).containsEntry("name", "name-42");
            assertThatThrownBy(() -> entries.insertOne(new Document("_id", "other").append("name", "name-7")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining(NAME_INDEX);
        }
    }

    /**
     * Several clients insert and update as fast as they can; the store is killed with SIGKILL at a
     * different moment each round and restarted on the same file. Every insert and update the driver
     * saw acknowledged must be there, and an insert that was cut off is either fully there or can be
     * made again. The rounds run long enough for H2 to reuse the space of old chunks.
     */
    @Test
    void losesNoAcknowledgedWriteWhenKilled() throws InterruptedException {
        Random random = new Random(20231231);
        Set<String> acknowledgedInAllRounds = new HashSet<>();
        StoreProcess store = StoreProcess.startReady(StoreProcess.fromClasspath("--port=0", "--data=" + data));
        try {
            for (int round = 1; round <= KILL_ROUNDS; round++) {
                int killAfter = 500 + random.nextInt(3500);
                Round result = writeUntilKilled(store, round, killAfter);

                store = StoreProcess.startReady(StoreProcess.fromClasspath("--port=0", "--data=" + data));
                try (MongoClient client = Clients.connect(store.uri())) {
                    MongoCollection<Document> entries = entries(client);
                    Map<String, Long> found = versions(entries, result.inserted());
                    Set<String> cutOff = new HashSet<>(result.cutOff());
                    Set<String> cutOffButStored = versions(entries, cutOff).keySet();
                    cutOff.removeAll(cutOffButStored);
                    for (String id : cutOff) {
                        // a half-stored insert would leave its unique keys behind and refuse this
                        entries.insertOne(document(id));
                    }
                    List<String> staleUpdates = result.updated().entrySet().stream()
                            .filter(update -> found.getOrDefault(update.getKey(), 0L) < update.getValue())
                            .map(Map.Entry::getKey).toList();
                    acknowledgedInAllRounds.addAll(result.inserted());

                    System.out.printf("kill -9 round %d: %d inserts and %d updates acknowledged, %d inserts cut off "
                            + "(%d of them stored); after restart %d acknowledged inserts found, %d missing, %d updates lost%n",
                            round, result.inserted().size(), result.updates(), result.cutOff().size(),
                            cutOffButStored.size(), found.size(), result.inserted().size() - found.size(), staleUpdates.size());

                    assertThat(result.inserted()).as("inserts acknowledged before the kill").isNotEmpty();
                    assertThat(found.keySet()).as("acknowledged inserts found after the kill")
                            .containsExactlyInAnyOrderElementsOf(result.inserted());
                    assertThat(staleUpdates).as("acknowledged updates missing after the kill").isEmpty();
                    assertThat(versions(entries, acknowledgedInAllRounds)).as("acknowledged inserts of every round so far")
                            .hasSameSizeAs(acknowledgedInAllRounds);
                }
            }
        } finally {
            store.close();
        }
    }

    /**
     * @param inserted the ids of the acknowledged inserts
     * @param updated the highest version an acknowledged update returned, per id
     * @param updates how many updates were acknowledged
     * @param cutOff the ids of the inserts that got no answer
     */
    record Round(Set<String> inserted, Map<String, Long> updated, long updates, Set<String> cutOff) {
    }

    private static Round writeUntilKilled(StoreProcess store, int round, int killAfter) throws InterruptedException {
        Set<String> inserted = ConcurrentHashMap.newKeySet();
        Map<String, Long> updated = new ConcurrentHashMap<>();
        List<Long> updates = new ArrayList<>();
        Set<String> cutOff = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        long deadline = System.nanoTime() + ROUND_LIMIT.toNanos();
        List<Thread> writers = new ArrayList<>();
        try (MongoClient client = Clients.connect(store.uri())) {
            MongoCollection<Document> entries = entries(client);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().name("writer-" + w).start(() -> {
                    List<String> mine = new ArrayList<>();
                    long acknowledgedUpdates = 0;
                    for (int i = 0; !stop.get() && System.nanoTime() < deadline; i++) {
                        // every fourth write moves one of this writer's entries on, as a review does
                        boolean update = i % 4 == 3;
                        String id = update ? mine.get(i % mine.size()) : "r" + round + "-w" + writer + "-" + i;
                        try {
                            if (update) {
                                Document after = entries.findOneAndUpdate(eq("_id", id), Updates.inc("version", 1L), AFTER);
                                updated.merge(id, after.getLong("version"), Math::max);
                                acknowledgedUpdates++;
                            } else {
                                entries.insertOne(document(id));
                                inserted.add(id);
                                mine.add(id);
                            }
                        } catch (MongoException e) {
                            if (!update) {
                                cutOff.add(id);
                            }
                            break;
                        }
                    }
                    synchronized (updates) {
                        updates.add(acknowledgedUpdates);
                    }
                }));
            }
            while (inserted.size() < killAfter && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            store.kill();
            for (Thread writer : writers) {
                writer.join(ROUND_LIMIT.toMillis());
            }
            stop.set(true);
        }
        long updateCount;
        synchronized (updates) {
            updateCount = updates.stream().mapToLong(Long::longValue).sum();
        }
        return new Round(Set.copyOf(inserted), Map.copyOf(updated), updateCount, Set.copyOf(cutOff));
    }

    private static MongoCollection<Document> entries(MongoClient client) {
        MongoCollection<Document> entries = client.getDatabase("iip").getCollection("entries");
        entries.createIndex(Indexes.ascending("name"), new IndexOptions().name(NAME_INDEX).unique(true));
        return entries;
    }

    private static Document document(String id) {
        return new Document("_id", id).append("name", "name-" + id).append("version", 1L).append("payload", PAYLOAD);
    }

    /** The version of each of the wanted entries that is in the store. */
    private static Map<String, Long> versions(MongoCollection<Document> entries, Set<String> wanted) {
        Map<String, Long> found = new HashMap<>();
        List<String> batch = new ArrayList<>();
        for (String id : wanted) {
            batch.add(id);
            if (batch.size() == 500) {
                find(entries, batch, found);
                batch.clear();
            }
        }
        find(entries, batch, found);
        return found;
    }

    private static void find(MongoCollection<Document> entries, List<String> ids, Map<String, Long> found) {
        if (!ids.isEmpty()) {
            entries.find(in("_id", ids)).projection(Projections.include("_id", "version"))
                    .forEach(document -> found.put(document.getString("_id"), document.getLong("version")));
        }
    }
}
