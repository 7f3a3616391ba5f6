package cn.beijing.iip.registry.core.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import cn.beijing.iip.registry.core.config.RegistryProperties;
import cn.beijing.iip.registry.core.entry.Entry;
import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.entry.HistoryRow;
import cn.beijing.iip.registry.core.entry.Owner;
import cn.beijing.iip.registry.core.kind.Complete;
import cn.beijing.iip.registry.core.kind.EntryFields;
import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.core.store.EntryDocuments;
import cn.beijing.iip.registry.core.store.EntryRepository;
import cn.beijing.iip.registry.core.store.StoreIndexes;
import cn.beijing.iip.registry.core.web.JsonBodies;
import cn.beijing.iip.registry.identity.CreditCode;
import cn.beijing.iip.registry.seeds.Seeds;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;

/**
 * Loads {@code seeds/demo/<kind>.json} when {@code iip.demo=load}: each entry is inserted only if its
 * id is absent, so any number of replicas and restarts add nothing twice. {@code iip.demo=remove}
 * deletes demo entries. Demo entries are marked {@code demo: true} and count like any other.
 */
@Component
public class DemoLoader {

    static final String DEMO_REVIEWER = "reviewer (demo)";

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

    private final RegistryProperties properties;
    private final Seeds seeds;
    private final KindDefinition<?> kind;
    private final EntryRepository repository;
    private final StoreIndexes indexes;
    private final JsonBodies json;
    private final Validator validator;
    private final AtomicBoolean done = new AtomicBoolean();

    public DemoLoader(RegistryProperties properties, Seeds seeds, KindDefinition<?> kind, EntryRepository repository,
            StoreIndexes indexes, JsonBodies json, Validator validator) {
        this.properties = properties;
        this.seeds = seeds;
        this.kind = kind;
        this.repository = repository;
        this.indexes = indexes;
        this.json = json;
        this.validator = validator;
    }

    /** One demo entry as seeds/demo holds it. */
    public record DemoEntry(String id, Owner owner, EntryStatus status, Instant createdAt, Instant submittedAt,
            Instant decidedAt, String comment, Map<String, Object> fields) {
    }

    /** The file: {@code {"entries": [...]}}. */
    public record DemoFile(List<DemoEntry> entries) {
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${iip.store.retry:5s}")
    void apply() {
        if (done.get() || properties.demo() == RegistryProperties.DemoMode.OFF) {
            return;
        }
        try {
            if (properties.demo() == RegistryProperties.DemoMode.LOAD) {
                indexes.ensure();
                int added = load();
                log.info("demo {}: {} entries added", kind.kind().code(), added);
            } else {
                log.info("demo {}: {} entries removed", kind.kind().code(), remove());
            }
            done.set(true);
        } catch (MongoException | cn.beijing.iip.registry.core.problem.ProblemException e) {
            log.warn("demo data not applied yet, the store is not reachable");
        }
    }

    /** Inserts each demo entry whose id is absent; returns how many were added (0 on every later run). */
    public int load() {
        int added = 0;
        for (Entry entry : entries()) {
            var result = repository.collection().updateOne(Filters.eq(EntryDocuments.ID, entry.id()),
                    Updates.setOnInsert(EntryDocuments.toDocument(entry)), new UpdateOptions().upsert(true));
            if (result.getUpsertedId() != null) {
                added++;
            }
        }
        return added;
    }

    /** Deletes the demo entries of this kind, and nothing else; returns how many were deleted. */
    public long remove() {
        return repository.collection().deleteMany(Filters.eq(EntryDocuments.DEMO, true)).getDeletedCount();
    }

    /** The demo entries of this kind, checked like any submitted entry; a broken seed file fails loudly. */
    public List<Entry> entries() {
        DemoFile file = json.read(seeds.bytes("demo/" + kind.kind().code() + ".json"), DemoFile.class);
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (DemoEntry demo : file.entries()) {
            entries.add(entry(demo));
            if (!ids.add(demo.id())) {
                throw new IllegalStateException("demo id " + demo.id() + " appears twice");
            }
        }
        return entries;
    }

    private Entry entry(DemoEntry demo) {
        if (!CreditCode.isValid(demo.owner().creditCode())) {
            throw new IllegalStateException("demo " + demo.id() + ": " + CreditCode.problem(demo.owner().creditCode()).get());
        }
        EntryFields fields = json.fromMap(demo.fields(), kind.fieldsType());
        Map<String, Object> stored = json.toMap(fields);
        if (!stored.keySet().equals(demo.fields().keySet())) {
            throw new IllegalStateException("demo " + demo.id() + " has unknown fields: " + demo.fields().keySet());
        }
        var violations = demo.status() == EntryStatus.DRAFT ? validator.validate(fields, Default.class)
                : validator.validate(fields, Default.class, Complete.class);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("demo " + demo.id() + " is not valid: " + violations);
        }
        List<HistoryRow> history = new ArrayList<>();
        history.add(new HistoryRow(null, EntryStatus.DRAFT, demo.owner().name(), demo.createdAt(), null));
        Instant updated = demo.createdAt();
        if (demo.status() != EntryStatus.DRAFT) {
            history.add(new HistoryRow(EntryStatus.DRAFT, EntryStatus.SUBMITTED, demo.owner().name(), demo.submittedAt(), null));
            updated = demo.submittedAt();
        }
        if (demo.status() != EntryStatus.DRAFT && demo.status() != EntryStatus.SUBMITTED) {
            history.add(new HistoryRow(EntryStatus.SUBMITTED, demo.status(), DEMO_REVIEWER, demo.decidedAt(), demo.comment()));
            updated = demo.decidedAt();
        }
        return new Entry(demo.id(), kind.kind().code(), demo.status(), history.size(), demo.owner(), true,
                demo.createdAt(), updated, demo.status() == EntryStatus.DRAFT ? null : demo.submittedAt(), stored,
                history, null);
    }
}
