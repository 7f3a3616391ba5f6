package cn.beijing.iip.registry.core.store;

import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import cn.beijing.iip.registry.core.kind.KindDefinition;

/**
 * The store is reached only through the MongoDB wire protocol at {@code spring.mongodb.uri}
 * ({@code IIP_STORE_URI}). Short timeouts: while the store is away, a request fails within about a
 * second with 503 store-unavailable. That answer has to reach the caller well before the gateway's
 * 2.5 s time limit, which would otherwise replace it with its own "service down or too slow" and count
 * it against the service's circuit breaker; with two seconds, answers of 2.4 s were seen on a busy machine.
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    @Bean
    MongoClientSettingsBuilderCustomizer storeTimeouts() {
        return settings -> settings
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(1, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket
                        .connectTimeout(1, TimeUnit.SECONDS)
                        .readTimeout(10, TimeUnit.SECONDS))
                .applyToConnectionPoolSettings(pool -> pool.maxWaitTime(1, TimeUnit.SECONDS));
    }

    /** This service's entries: one collection, named after its kind, in the URI's database. */
    @Bean
    MongoCollection<Document> entryCollection(MongoClient client, MongoProperties properties, KindDefinition<?> kind) {
        String database = properties.getDatabase() != null ? properties.getDatabase()
                : properties.getUri() != null && new ConnectionString(properties.getUri()).getDatabase() != null
                        ? new ConnectionString(properties.getUri()).getDatabase()
                        : "iip";
        return client.getDatabase(database).getCollection(kind.kind().code());
    }
}
