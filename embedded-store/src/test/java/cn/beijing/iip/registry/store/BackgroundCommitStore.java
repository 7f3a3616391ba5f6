package cn.beijing.iip.registry.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The unsafe baseline for {@link CommitCostBenchmark}: the upstream H2 backend as it comes, which
 * acknowledges writes at once and commits them in the background about once a second.
 * Takes the store's own arguments, with {@code --data=DIR}.
 */
public final class BackgroundCommitStore {

    private BackgroundCommitStore() {
    }

    public static void main(String[] args) {
        StoreOptions options = StoreOptions.parse(args);
        if (!(options.storage() instanceof StoreOptions.Storage.File storage)) {
            throw new IllegalArgumentException("the baseline needs --data=DIR");
        }
        storage.directory().toFile().mkdirs();
        MongoServer server = new MongoServer(new H2Backend(storage.file().toString()));
        server.bind(options.host(), options.port());
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "store-shutdown"));
        System.out.println("store ready on " + server.getLocalAddress().getHostString() + ":" + server.getLocalAddress().getPort()
                + " (H2 file " + storage.file() + ", background commit about once a second)");
    }
}
