package cn.beijing.iip.registry.store;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;

/**
 * A copy of the store file taken the moment a write is acknowledged is what a crash at that moment
 * would leave behind: it must already hold the write.
 */
class CommitBeforeAckBackendTest {

    @TempDir
    Path data;

    record Write(Consumer<MongoDatabase> write, Consumer<MongoDatabase> isInTheCopy) {
    }

    static Stream<Arguments> writes() {
        return Stream.of(
                write("insertOne",
                        db -> db.getCollection("entries").insertOne(new Document("_id", "new")),
                        db -> assertThat(db.getCollection("entries").find(eq("_id", "new")).first()).isNotNull()),
                write("insertMany",
                        db -> db.getCollection("entries").insertMany(IntStream.range(0, 50)
                                .mapToObj(i -> new Document("_id", "many-" + i)).toList()),
                        db -> assertThat(db.getCollection("entries").countDocuments()).isEqualTo(51)),
                write("updateOne",
                        db -> db.getCollection("entries").updateOne(eq("_id", "seed"), Updates.inc("version", 1)),
                        db -> assertThat(db.getCollection("entries").find(eq("_id", "seed")).first()).containsEntry("version", 2)),
                write("replaceOne",
                        db -> db.getCollection("entries").replaceOne(eq("_id", "seed"), new Document("status", "SUBMITTED")),
                        db -> assertThat(db.getCollection("entries").find(eq("_id", "seed")).first()).containsEntry("status", "SUBMITTED")),
                write("findOneAndUpdate",
                        db -> db.getCollection("entries").findOneAndUpdate(eq("_id", "seed"), Updates.set("status", "APPROVED")),
                        db -> assertThat(db.getCollection("entries").find(eq("_id", "seed")).first()).containsEntry("status", "APPROVED")),
                write("deleteOne",
                        db -> db.getCollection("entries").deleteOne(eq("_id", "seed")),
                        db -> assertThat(db.getCollection("entries").countDocuments()).isZero()),
                write("createIndex",
                        db -> db.getCollection("entries").createIndex(Indexes.ascending("name"), new IndexOptions().name("name_unique").unique(true)),
                        db -> assertThat(db.getCollection("entries").listIndexes().map(index -> index.getString("name")).into(new ArrayList<>()))
                                .contains("name_unique")),
                write("aggregate with $out",
                        db -> db.getCollection("entries").aggregate(List.of(new Document("$out", "copies"))).toCollection(),
                        db -> assertThat(db.getCollection("copies").countDocuments()).isEqualTo(1)),
                write("drop",
                        db -> db.getCollection("entries").drop(),
                        db -> assertThat(db.listCollectionNames().into(new ArrayList<>())).doesNotContain("entries")),
                write("renameCollection",
                        db -> db.getCollection("entries").renameCollection(new MongoNamespace("iip", "archive")),
                        db -> {
                            assertThat(db.listCollectionNames().into(new ArrayList<>())).contains("archive").doesNotContain("entries");
                            assertThat(db.getCollection("archive").countDocuments()).isEqualTo(1);
                            assertThatThrownBy(() -> db.getCollection("archive").insertOne(new Document("_id", "seed")))
                                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
                        }));
    }

    private static Arguments write(String name, Consumer<MongoDatabase> write, Consumer<MongoDatabase> isInTheCopy) {
        return Arguments.of(Named.of(name, new Write(write, isInTheCopy)));
    }

    @ParameterizedTest
    @MethodSource("writes")
    void hasEveryKindOfWriteInTheFileOnceAcknowledged(Write write) throws IOException {
        Path live = data.resolve("live");
        Path crashCopy = data.resolve("copy");
        try (StoreServer store = start(live); MongoClient client = Clients.connect(store)) {
            MongoDatabase db = client.getDatabase("iip");
            db.getCollection("entries").insertOne(new Document("_id", "seed").append("status", "DRAFT").append("version", 1));

            write.write().accept(db);
            Files.createDirectories(crashCopy);
            Files.copy(live.resolve(StoreOptions.Storage.File.FILE_NAME), crashCopy.resolve(StoreOptions.Storage.File.FILE_NAME));

            try (StoreServer copy = start(crashCopy); MongoClient copyClient = Clients.connect(copy)) {
                write.isInTheCopy().accept(copyClient.getDatabase("iip"));
            }
        }
    }

    @Test
    void givesFileSpaceBackOnceWritesStop() throws IOException {
        Path file = data.resolve(StoreOptions.Storage.File.FILE_NAME);
        CommitBeforeAckBackend backend = CommitBeforeAckBackend.open(file);
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = Clients.connect(server.bindAndGetConnectionString())) {
            MongoDatabase db = client.getDatabase("iip");
            db.getCollection("kept").insertOne(new Document("_id", "kept"));
            MongoCollection<Document> churn = db.getCollection("churn");
            for (int i = 0; i < 2000; i++) {
                churn.insertOne(new Document("_id", i).append("payload", "x".repeat(500)));
            }
            churn.drop();
            // H2 keeps the chunks of the last five versions whatever their age
            for (int i = 0; i < 10; i++) {
                db.getCollection("kept").insertOne(new Document("_id", "later-" + i));
            }
            long grown = Files.size(file);
            // as if the time H2 keeps old chunks for had passed
            backend.getMvStore().setRetentionTime(0);

            for (int call = 0; call < 5 && Files.size(file) > grown / 4; call++) {
                backend.housekeep();
            }

            assertThat(Files.size(file)).as("file size after housekeeping, grown to %d bytes", grown).isLessThan(grown / 4);
            assertThat(db.getCollection("kept").countDocuments()).isEqualTo(11);
        } finally {
            server.shutdownNow();
        }
        try (StoreServer reopened = start(data); MongoClient client = Clients.connect(reopened)) {
            assertThat(client.getDatabase("iip").getCollection("kept").find(eq("_id", "kept")).first()).isNotNull();
        }
    }

    @Test
    void treatsOnlyKnownReadsAsReads() {
        // the server's own document type: this is what the backend sees
        assertThat(CommitBeforeAckBackend.mayChangeData("find", new de.bwaldvogel.mongo.bson.Document())).isFalse();
        assertThat(CommitBeforeAckBackend.mayChangeData("getMore", new de.bwaldvogel.mongo.bson.Document())).isFalse();
        assertThat(CommitBeforeAckBackend.mayChangeData("aggregate",
                new de.bwaldvogel.mongo.bson.Document("pipeline", List.of(new de.bwaldvogel.mongo.bson.Document("$match", new de.bwaldvogel.mongo.bson.Document()))))).isFalse();

        assertThat(CommitBeforeAckBackend.mayChangeData("aggregate",
                new de.bwaldvogel.mongo.bson.Document("pipeline", List.of(new de.bwaldvogel.mongo.bson.Document("$merge", "other"))))).isTrue();
        assertThat(CommitBeforeAckBackend.mayChangeData("findAndModify", new de.bwaldvogel.mongo.bson.Document())).isTrue();
        assertThat(CommitBeforeAckBackend.mayChangeData("someFutureCommand", new de.bwaldvogel.mongo.bson.Document())).isTrue();
    }

    private static StoreServer start(Path directory) {
        return StoreServer.start(new StoreOptions("127.0.0.1", 0, new StoreOptions.Storage.File(directory)));
    }
}
