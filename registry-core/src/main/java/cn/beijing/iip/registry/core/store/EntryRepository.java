package cn.beijing.iip.registry.core.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

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
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import cn.beijing.iip.registry.core.entry.Entry;
import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.entry.HistoryRow;
import cn.beijing.iip.registry.core.entry.ListQuery;

/**
 * The entries of this service's kind in the store. Every change is one conditional single-document
 * update on the state and version the caller saw, so racing requests have exactly one winner.
 */
@Component
public class EntryRepository {

    private static final FindOneAndUpdateOptions RETURN_AFTER = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.AFTER);

    private final MongoCollection<Document> entries;

    /**
     * Which entries a list may show: every one, or the APPROVED ones plus, when {@code owner} is
     * set, that enterprise's own in any state.
     */
    public record Visibility(boolean everything, String owner) {

        public static final Visibility EVERYTHING = new Visibility(true, null);
        public static final Visibility APPROVED = new Visibility(false, null);

        public static Visibility approvedAndOwnedBy(String creditCode) {
            return new Visibility(false, creditCode);
        }
    }

    /** One page of a list and how many entries match in all. */
    public record Page(List<Entry> items, long total) {
    }

    public EntryRepository(MongoCollection<Document> entries) {
        this.entries = entries;
    }

    public Optional<Entry> find(String id) {
        return Optional.ofNullable(entries.find(eq(EntryDocuments.ID, id)).first()).map(EntryDocuments::fromDocument);
    }

    /** Some entry of the enterprise, such as the one profile a kind allows per enterprise. */
    public Optional<Entry> findByOwner(String creditCode) {
        return findOne(eq(EntryDocuments.OWNER_CODE, creditCode));
    }

    /** The enterprise's entry with this name, as names are compared ({@link EntryDocuments#nameKey}). */
    public Optional<Entry> findByName(String creditCode, String name) {
        return findOne(and(eq(EntryDocuments.OWNER_CODE, creditCode), eq(EntryDocuments.NAME_KEY, EntryDocuments.nameKey(name))));
    }

    private Optional<Entry> findOne(Bson filter) {
        return Optional.ofNullable(entries.find(filter).first()).map(EntryDocuments::fromDocument);
    }

    /** Inserts a new entry; throws {@link DuplicateKeyException} when a unique index already holds its key. */
    public void insert(Entry entry) {
        try {
            entries.insertOne(EntryDocuments.toDocument(entry));
        } catch (MongoException e) {
            throw translated(e);
        }
    }

    /** Replaces the fields if the entry is still at {@code version} and {@code status}. */
    public Optional<Entry> replaceFields(String id, long version, EntryStatus status, Map<String, Object> fields,
            String name, Instant now) {
        Bson update = Updates.combine(
                Updates.set(EntryDocuments.FIELDS, new Document(fields)),
                Updates.set(EntryDocuments.NAME_KEY, EntryDocuments.nameKey(name)),
                Updates.set(EntryDocuments.UPDATED_AT, Date.from(now)),
                Updates.inc(EntryDocuments.VERSION, 1L));
        try {
            return Optional.ofNullable(entries.findOneAndUpdate(unchanged(id, version, status), update, RETURN_AFTER))
                    .map(EntryDocuments::fromDocument);
        } catch (MongoException e) {
            throw translated(e);
        }
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

    /** The page of entries the query asks for among those visible, only {@code onlyOwner}'s when set. */
    public Page list(ListQuery query, Visibility visibility, String onlyOwner) {
        List<Bson> filters = new ArrayList<>();
        if (!visibility.everything()) {
            Bson approved = eq(EntryDocuments.STATUS, EntryStatus.APPROVED.name());
            filters.add(visibility.owner() == null ? approved : or(approved, eq(EntryDocuments.OWNER_CODE, visibility.owner())));
        }
        if (onlyOwner != null) {
            filters.add(eq(EntryDocuments.OWNER_CODE, onlyOwner));
        }
        if (query.status() != null) {
            filters.add(eq(EntryDocuments.STATUS, query.status().name()));
        }
        query.codes().forEach((filter, code) -> filters.add(eq(EntryDocuments.field(filter.field()), code)));
        if (query.q() != null) {
            filters.add(regex(EntryDocuments.NAME_KEY, literal(EntryDocuments.nameKey(query.q()))));
        }
        Bson filter = filters.isEmpty() ? Filters.empty() : and(filters);
        List<Entry> items = new ArrayList<>();
        entries.find(filter).sort(order(query.order())).skip(query.page() * query.size()).limit(query.size())
                .map(EntryDocuments::fromDocument).into(items);
        return new Page(items, entries.countDocuments(filter));
    }

    public MongoCollection<Document> collection() {
        return entries;
    }

    private static Bson unchanged(String id, long version, EntryStatus status) {
        return and(eq(EntryDocuments.ID, id), eq(EntryDocuments.VERSION, version), eq(EntryDocuments.STATUS, status.name()));
    }

    private static RuntimeException translated(MongoException e) {
        return isDuplicateKey(e) ? new DuplicateKeyException(e.getMessage()) : e;
    }

    private static boolean isDuplicateKey(MongoException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return e instanceof MongoCommandException && e.getCode() == 11000;
    }

    private static Bson order(ListQuery.Order order) {
        return switch (order) {
            case UPDATED -> Sorts.orderBy(Sorts.descending(EntryDocuments.UPDATED_AT), Sorts.ascending(EntryDocuments.ID));
            case NAME -> Sorts.ascending(EntryDocuments.NAME_KEY, EntryDocuments.ID);
            case SUBMITTED -> Sorts.ascending(EntryDocuments.SUBMITTED_AT, EntryDocuments.ID);
        };
    }

    /** A regular expression that matches {@code text} literally, in any store's regex dialect. */
    static String literal(String text) {
        StringBuilder pattern = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\^$.|?*+()[]{}/-#&~<>=!,:'\"`@%;".indexOf(c) >= 0) {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.toString();
    }
}
