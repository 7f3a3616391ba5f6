package cn.beijing.iip.registry.system.faults;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.bson.Document;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;

import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.system.support.AppProcess;

/** Straight to a fault test's own store: what it kept, compared with what the API acknowledged. */
final class StoreAccess implements AutoCloseable {

    private static final int BATCH = 500;

    private final MongoClient client;

    StoreAccess(AppProcess store) {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri(store)))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(1, TimeUnit.SECONDS))
                .build());
    }

    /** The URI the services are given for this store. */
    static String uri(AppProcess store) {
        return "mongodb://127.0.0.1:" + store.port() + "/iip";
    }

    /** Which of these entry ids the store holds. */
    Set<String> found(EntryKind kind, Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        Set<String> found = new HashSet<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            entries(kind).find(in("_id", all.subList(from, Math.min(all.size(), from + BATCH))))
                    .projection(Projections.include("_id"))
                    .forEach(document -> found.add(document.getString("_id")));
        }
        return found;
    }

    /** How many entries of this kind an enterprise has in the store. */
    long ownedBy(EntryKind kind, String creditCode) {
        return entries(kind).countDocuments(eq("owner.creditCode", creditCode));
    }

    /** Whether the store answers a ping now. */
    boolean answers() {
        try {
            client.getDatabase("iip").runCommand(new Document("ping", 1));
            return true;
        } catch (MongoException e) {
            return false;
        }
    }

    private MongoCollection<Document> entries(EntryKind kind) {
        return client.getDatabase("iip").getCollection(kind.code());
    }

    @Override
    public void close() {
        client.close();
    }
}
