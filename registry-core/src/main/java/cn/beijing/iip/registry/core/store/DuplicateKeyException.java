package cn.beijing.iip.registry.core.store;

/**
 * A write the store refused because a unique index already holds the key. The store's own message
 * stays inside: callers learn which index was broken, never what the driver said.
 */
public class DuplicateKeyException extends RuntimeException {

    private final String storeMessage;

    DuplicateKeyException(String storeMessage) {
        super("a unique index of the store refused the write", null, false, false);
        this.storeMessage = String.valueOf(storeMessage);
    }

    /** Whether the index named {@code indexName} refused the write. */
    public boolean violates(String indexName) {
        return storeMessage.contains(indexName);
    }
}
