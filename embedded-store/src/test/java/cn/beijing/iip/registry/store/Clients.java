package cn.beijing.iip.registry.store;

import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/** Driver clients as the services configure them, with short timeouts so a dead store fails fast. */
final class Clients {

    private Clients() {
    }

    static MongoClient connect(String uri) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                // a retried insert would blur which writes the store acknowledged
                .retryWrites(false)
                .retryReads(false)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(2, TimeUnit.SECONDS).readTimeout(20, TimeUnit.SECONDS))
                .build());
    }

    static MongoClient connect(StoreServer store) {
        return connect("mongodb://127.0.0.1:" + store.address().getPort());
    }
}
