package cn.beijing.iip.registry.core.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** A real MongoDB-wire-protocol server (memory backend) on a free port, for tests. */
public final class TestStore implements AutoCloseable {

    private final MongoServer server;
    private final String address;

    private TestStore(MongoServer server, String address) {
        this.server = server;
        this.address = address;
    }

    public static TestStore start() {
        MongoServer server = new MongoServer(new MemoryBackend());
        String connection = server.bindAndGetConnectionString();
        return new TestStore(server, connection.substring("mongodb://".length()));
    }

    /** A connection string with the given database. */
    public String uri(String database) {
        return "mongodb://" + address + "/" + database;
    }

    public void stop() {
        server.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }
}
