package cn.beijing.iip.coretest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.store.StoreIndexes;

class StoreIndexesIT extends ApiTest {

    @Test
    void createsTheUniqueIndexesAgainWhenTheStoreHasLostThem() throws Exception {
        entries.dropIndexes();
        assertThat(indexNames()).doesNotContain(StoreIndexes.OWNER_NAME_UNIQUE);

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!indexNames().contains(StoreIndexes.OWNER_NAME_UNIQUE) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        assertThat(indexNames()).contains(StoreIndexes.OWNER_NAME_UNIQUE);
        create(alice, complete("Twice Named"));
        expect(http.post("/api/platforms").token(alice).json(complete("Twice Named")).send(), 409);
    }

    private List<String> indexNames() {
        List<String> names = new ArrayList<>();
        entries.listIndexes().forEach(index -> names.add(((Document) index).getString("name")));
        return names;
    }
}
