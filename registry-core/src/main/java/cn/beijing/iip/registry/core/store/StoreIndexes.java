package cn.beijing.iip.registry.core.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import cn.beijing.iip.registry.core.kind.CodeFilter;
import cn.beijing.iip.registry.core.kind.EntryFields;
import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.core.kind.UniqueRule;
import cn.beijing.iip.registry.core.problem.ProblemException;
import cn.beijing.iip.registry.problem.ProblemType;

/**
 * Every index a real MongoDB needs for the entry queries, declared once and created idempotently.
 * Uniqueness rests on the unique ones, so no write is accepted before they exist; a service that
 * starts while the store is away retries in the background and stays not ready meanwhile.
 */
@Component("storeIndexes")
public class StoreIndexes implements HealthIndicator {

    public static final String OWNER_NAME_UNIQUE = "owner_name_unique";

    private static final Logger log = LoggerFactory.getLogger(StoreIndexes.class);

    private final MongoCollection<Document> entries;
    private final List<IndexModel> models;
    private final AtomicBoolean ready = new AtomicBoolean();

    public StoreIndexes(MongoCollection<Document> entries, KindDefinition<?> kind) {
        this.entries = entries;
        this.models = models(kind);
    }

    static List<IndexModel> models(KindDefinition<?> kind) {
        List<IndexModel> models = new ArrayList<>();
        models.add(new IndexModel(Indexes.ascending(EntryDocuments.OWNER_CODE, EntryDocuments.NAME_KEY),
                new IndexOptions().name(OWNER_NAME_UNIQUE).unique(true)));
        for (UniqueRule rule : kind.uniqueRules()) {
            models.add(new IndexModel(Indexes.ascending(rule.keys()), new IndexOptions().name(rule.indexName()).unique(true)));
        }
        models.add(index("status_updated", Indexes.compoundIndex(Indexes.ascending(EntryDocuments.STATUS),
                Indexes.descending(EntryDocuments.UPDATED_AT))));
        models.add(index("owner_updated", Indexes.compoundIndex(Indexes.ascending(EntryDocuments.OWNER_CODE),
                Indexes.descending(EntryDocuments.UPDATED_AT))));
        models.add(index("status_submitted", Indexes.ascending(EntryDocuments.STATUS, EntryDocuments.SUBMITTED_AT)));
        models.add(index("industries_status", Indexes.ascending(EntryDocuments.field(EntryFields.INDUSTRIES), EntryDocuments.STATUS)));
        models.add(index("region_status", Indexes.ascending(EntryDocuments.field(EntryFields.REGION), EntryDocuments.STATUS)));
        for (CodeFilter filter : kind.filters()) {
            models.add(index(filter.field() + "_status", Indexes.ascending(EntryDocuments.field(filter.field()), EntryDocuments.STATUS)));
        }
        models.add(index("demo", Indexes.ascending(EntryDocuments.DEMO)));
        return List.copyOf(models);
    }

    private static IndexModel index(String name, org.bson.conversions.Bson keys) {
        return new IndexModel(keys, new IndexOptions().name(name));
    }

    /** Creates the indexes once; cheap afterwards. Throws a 503 problem while the store is away. */
    public void ensure() {
        if (ready.get()) {
            return;
        }
        synchronized (this) {
            if (ready.get()) {
                return;
            }
            try {
                entries.createIndexes(models);
                ready.set(true);
                log.info("indexes of {} ready: {}", entries.getNamespace(), models.size());
            } catch (MongoException e) {
                throw ProblemException.of(ProblemType.STORE_UNAVAILABLE, "the store is not reachable; try again shortly");
            }
        }
    }

    /**
     * Creates the indexes while they are missing, and checks every few seconds that they are still
     * there: a store restored from an old backup, or one that lost its data, gets them back without a
     * restart of the service, and writes wait until it has.
     */
    @Scheduled(initialDelay = 0, fixedDelayString = "${iip.store.retry:5s}")
    void keepIndexes() {
        if (ready.get()) {
            try {
                Set<String> present = new HashSet<>();
                entries.listIndexes().forEach(index -> present.add(index.getString("name")));
                if (present.contains(OWNER_NAME_UNIQUE)) {
                    return;
                }
                log.warn("the unique indexes of {} are gone; creating them again", entries.getNamespace());
                ready.set(false);
            } catch (MongoException e) {
                return;
            }
        }
        try {
            ensure();
        } catch (ProblemException e) {
            log.warn("store not reachable yet; indexes of {} will be created when it is", entries.getNamespace());
        }
    }

    @Override
    public Health health() {
        return ready.get() ? Health.up().withDetail("indexes", models.size()).build()
                : Health.down().withDetail("indexes", "not created yet").build();
    }
}
