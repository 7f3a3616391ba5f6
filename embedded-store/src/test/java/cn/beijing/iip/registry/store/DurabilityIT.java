package cn.beijing.iip.registry.store;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;

/** The H2-backed store in its own JVM keeps what it acknowledged, whether it is stopped or killed. */
class DurabilityIT {

    private static final String NAME_INDEX = "name_unique";
    private static final int KILL_ROUNDS = 6;
    private static final int WRITERS = 4;
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(20);
    private static final String PAYLOAD = "x".repeat(300);

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
     * Several clients insert as fast as they can; the store is killed with SIGKILL at a different
     * moment each round and restarted on the same file. Every insert the driver saw acknowledged
     * must be there, and an insert that was cut off is either fully there or can be made again.
     */
    @Test
    void losesNoAcknowledgedInsertWhenKilled() throws InterruptedException {
        Random random = new Random(20231231);
        Set<String> acknowledgedInAllRounds = new HashSet<>();
        StoreProcess store = StoreProcess.startReady(StoreProcess.fromClasspath("--port=0", "--data=" + data));
        try {
            for (int round = 1; round <= KILL_ROUNDS; round++) {
                int killAfter = 200 + random.nextInt(1800);
                Round result = writeUntilKilled(store, round, killAfter);

                store = StoreProcess.startReady(StoreProcess.fromClasspath("--port=0", "--data=" + data));
                try (MongoClient client = Clients.connect(store.uri())) {
                    MongoCollection<Document> entries = entries(client);
                    Set<String> present = ids(entries, result.acknowledged());
                    Set<String> cutOff = new HashSet<>(result.cutOff());
                    Set<String> cutOffButStored = ids(entries, cutOff);
                    cutOff.removeAll(cutOffButStored);
                    for (String id : cutOff) {
                        // a half-stored insert would leave its unique keys behind and refuse this
                        entries.insertOne(document(id));
                    }
                    acknowledgedInAllRounds.addAll(result.acknowledged());

                    System.out.printf("kill -9 round %d: %d inserts acknowledged, %d cut off (%d of them stored), "
                            + "%d acknowledged found after restart, %d missing%n", round, result.acknowledged().size(),
                            result.cutOff().size(), cutOffButStored.size(), present.size(),
                            result.acknowledged().size() - present.size());

                    assertThat(result.acknowledged()).as("inserts acknowledged before the kill").isNotEmpty();
                    assertThat(present).as("acknowledged inserts found after the kill")
                            .containsExactlyInAnyOrderElementsOf(result.acknowledged());
                    assertThat(ids(entries, acknowledgedInAllRounds)).as("acknowledged inserts of every round so far")
                            .hasSameSizeAs(acknowledgedInAllRounds);
                }
            }
        } finally {
            store.close();
        }
    }

    record Round(Set<String> acknowledged, Set<String> cutOff) {
    }

    private static Round writeUntilKilled(StoreProcess store, int round, int killAfter) throws InterruptedException {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> cutOff = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        long deadline = System.nanoTime() + ROUND_LIMIT.toNanos();
        List<Thread> writers = new ArrayList<>();
        try (MongoClient client = Clients.connect(store.uri())) {
            MongoCollection<Document> entries = entries(client);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().name("writer-" + w).start(() -> {
                    for (int i = 0; !stop.get() && System.nanoTime() < deadline; i++) {
                        String id = "r" + round + "-w" + writer + "-" + i;
                        try {
                            entries.insertOne(document(id));
                            acknowledged.add(id);
                        } catch (MongoException e) {
                            cutOff.add(id);
                            return;
                        }
                    }
                }));
            }
            while (acknowledged.size() < killAfter && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            store.kill();
            for (Thread writer : writers) {
                writer.join(ROUND_LIMIT.toMillis());
            }
            stop.set(true);
        }
        return new Round(Set.copyOf(acknowledged), Set.copyOf(cutOff));
    }

    private static MongoCollection<Document> entries(MongoClient client) {
        MongoCollection<Document> entries = client.getDatabase("iip").getCollection("entries");
        entries.createIndex(Indexes.ascending("name"), new IndexOptions().name(NAME_INDEX).unique(true));
        return entries;
    }

    private static Document document(String id) {
        return new Document("_id", id).append("name", "name-" + id).append("payload", PAYLOAD);
    }

    private static Set<String> ids(MongoCollection<Document> entries, Set<String> wanted) {
        Set<String> found = new HashSet<>();
        List<String> batch = new ArrayList<>();
        for (String id : wanted) {
            batch.add(id);
            if (batch.size() == 500) {
                found.addAll(find(entries, batch));
                batch.clear();
            }
        }
        found.addAll(find(entries, batch));
        return found;
    }

    private static List<String> find(MongoCollection<Document> entries, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return entries.find(in("_id", ids)).projection(Projections.include("_id"))
                .map(document -> document.getString("_id")).into(new ArrayList<>());
    }
}
