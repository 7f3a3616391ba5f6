package cn.beijing.iip.registry.store;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

/**
 * The services learn which uniqueness rule a write broke from code 11000 and the index name in the
 * message (EntryRepository.violates); both backends must keep answering that way.
 */
class DuplicateKeyTest {

    private static final String INDEX = "owner_name_unique";

    @TempDir
    static Path data;

    private StoreServer store;
    private MongoClient client;

    static Stream<String> storages() {
        return Stream.of("memory", "file");
    }

    private MongoCollection<Document> entries(String storage) {
        StoreOptions.Storage chosen = storage.equals("memory") ? new StoreOptions.Storage.Memory()
                : new StoreOptions.Storage.File(data.resolve("duplicates-" + System.nanoTime()));
        store = StoreServer.start(new StoreOptions("127.0.0.1", 0, chosen));
        client = Clients.connect(store);
        MongoCollection<Document> entries = client.getDatabase("iip").getCollection("entries");
        entries.createIndex(Indexes.ascending("owner.creditCode", "nameKey"), new IndexOptions().name(INDEX).unique(true));
        entries.insertOne(entry("e1", "foton vehicle cloud"));
        entries.insertOne(entry("e2", "acme ics firewall"));
        return entries;
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @ParameterizedTest
    @MethodSource("storages")
    void refusesASecondInsertOfATakenNameWith11000NamingTheIndex(String storage) {
        MongoCollection<Document> entries = entries(storage);

        MongoWriteException e = catchThrowableOfType(MongoWriteException.class,
                () -> entries.insertOne(entry("e3", "foton vehicle cloud")));

        assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY);
        assertThat(e.getCode()).isEqualTo(11000);
        assertThat(e.getMessage()).contains(INDEX);
        assertThat(entries.countDocuments()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("storages")
    void refusesRenamingOntoATakenNameWith11000NamingTheIndex(String storage) {
        MongoCollection<Document> entries = entries(storage);

        MongoCommandException e = catchThrowableOfType(MongoCommandException.class,
                () -> entries.findOneAndUpdate(eq("_id", "e2"), Updates.set("nameKey", "foton vehicle cloud")));

        assertThat(e.getCode()).isEqualTo(11000);
        assertThat(e.getMessage()).contains(INDEX);
        assertThat(entries.find(eq("_id", "e2")).first()).containsEntry("nameKey", "acme ics firewall");
    }

    @ParameterizedTest
    @MethodSource("storages")
    void acceptsTheSameNameForAnotherEnterprise(String storage) {
        MongoCollection<Document> entries = entries(storage);

        entries.insertOne(new Document("_id", "e3").append("owner", new Document("creditCode", "code-b"))
                .append("nameKey", "foton vehicle cloud"));

        assertThat(entries.countDocuments(eq("nameKey", "foton vehicle cloud"))).isEqualTo(2);
    }

    private static Document entry(String id, String nameKey) {
        return new Document("_id", id)
                .append("owner", new Document("creditCode", "code-a"))
                .append("nameKey", nameKey)
                .append("status", "DRAFT");
    }
}
