package cn.beijing.iip.registry.core.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import cn.beijing.iip.registry.core.entry.Entry;
import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.entry.HistoryRow;

/**
 * The entries of this service's kind in the store. Every change is one conditional single-document
 * update on the state and version the caller saw, so racing requests have exactly one winner.
 */
@Component
public class EntryRepository {

    private static final FindOneAndUpdateOptions RETURN_AFTER = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.AFTER);

    private final MongoCollection<Document> entries;

    public EntryRepository(MongoCollection<Document> entries) {
        this.entries = entries;
    }

    public Optional<Entry> find(String id) {
        return Optional.ofNullable(entries.find(eq(EntryDocuments.ID, id)).first()).map(EntryDocuments::fromDocument);
    }

    public Optional<Entry> findOne(Bson filter) {
        return Optional.ofNullable(entries.find(filter).first()).map(EntryDocuments::fromDocument);
    }

    /** Inserts a new entry; a broken unique index surfaces as a duplicate-key {@link MongoException}. */
    public void insert(Entry entry) {
        entries.insertOne(EntryDocuments.toDocument(entry));
    }

    /** Replaces the fields if the entry is still at {@code version} and {@code status}. */
    public Optional<Entry> replaceFields(String id, long version, EntryStatus status, Map<String, Object> fields,
            String name, Instant now) {
        Bson update = Updates.combine(
                Updates.set(EntryDocuments.FIELDS, new Document(fields)),
                Updates.set(EntryDocuments.NAME_KEY, EntryDocuments.nameKey(name)),
                Updates.set(EntryDocuments.UPDATED_AT, Date.from(now)),
                Updates.inc(EntryDocuments.VERSION, 1L));
        return Optional.ofNullable(entries.findOneAndUpdate(unchanged(id, version, status), update, RETURN_AFTER))
                .map(EntryDocuments::fromDocument);
    }

    /** Moves the entry to {@code row.to()} and appends the history row, if still at {@code version} and {@code row.from()}. */
    public Optional<Entry> transition(String id, long version, HistoryRow row, boolean submitted) {
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.set(EntryDocuments.STATUS, row.to().name()),
                Updates.set(EntryDocuments.UPDATED_AT, Date.from(row.at())),
                Updates.inc(EntryDocuments.VERSION, 1L),
                Updates.push(EntryDocuments.HISTORY, EntryDocuments.toDocument(row))));
        if (submitted) {
            updates.add(Updates.set(EntryDocuments.SUBMITTED_AT, Date.from(row.at())));
        }
        return Optional.ofNullable(entries.findOneAndUpdate(unchanged(id, version, row.from()),
                Updates.combine(updates), RETURN_AFTER)).map(EntryDocuments::fromDocument);
    }

    /** Deletes the entry if it is still at {@code version} and {@code status}. */
    public boolean delete(String id, long version, EntryStatus status) {
        return entries.deleteOne(unchanged(id, version, status)).getDeletedCount() == 1;
    }

    public List<Entry> list(Bson filter, Bson sort, int skip, int limit) {
        List<Entry> page = new ArrayList<>();
        entries.find(filter).sort(sort).skip(skip).limit(limit).map(EntryDocuments::fromDocument).into(page);
        return page;
    }

    public long count(Bson filter) {
        return entries.countDocuments(filter);
    }

    public MongoCollection<Document> collection() {
        return entries;
    }

    private static Bson unchanged(String id, long version, EntryStatus status) {
        return and(eq(EntryDocuments.ID, id), eq(EntryDocuments.VERSION, version), eq(EntryDocuments.STATUS, status.name()));
    }

    public static boolean isDuplicateKey(MongoException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return e instanceof MongoCommandException && e.getCode() == 11000;
    }

    /** Whether a duplicate-key error names this index. */
    public static boolean violates(MongoException e, String indexName) {
        return String.valueOf(e.getMessage()).contains(indexName);
    }
}
