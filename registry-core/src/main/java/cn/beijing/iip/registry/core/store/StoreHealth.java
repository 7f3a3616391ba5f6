package cn.beijing.iip.registry.core.store;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

/**
 * Whether the store answers, for the readiness probe: a {@code ping} on the entries' database.
 * Spring Boot's own MongoDB indicator asks {@code hello}, which the embedded store does not know, so
 * it would report DOWN on a store that works; {@code ping} is answered by every MongoDB-wire store.
 */
@Component("store")
public class StoreHealth implements HealthIndicator {

    private final MongoClient client;
    private final String database;

    public StoreHealth(MongoClient client, MongoCollection<Document> entries) {
        this.client = client;
        this.database = entries.getNamespace().getDatabaseName();
    }

    @Override
    public Health health() {
        try {
            client.getDatabase(database).runCommand(new Document("ping", 1));
            return Health.up().withDetail("database", database).build();
        } catch (MongoException e) {
            return Health.down().withDetail("database", database).withDetail("reason", "not reachable").build();
        }
    }
}
