package cn.beijing.iip.registry.core.store;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bson.Document;

import cn.beijing.iip.registry.core.entry.Entry;
import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.entry.HistoryRow;
import cn.beijing.iip.registry.core.entry.Owner;

/**
 * How an entry is laid out in the store: the envelope at the top level, the kind's fields under
 * {@code fields}, the audit trail as an embedded array (so a transition and its history row are one
 * atomic single-document update: no transactions needed).
 */
public final class EntryDocuments {

    public static final String ID = "_id";
    public static final String KIND = "kind";
    public static final String STATUS = "status";
    public static final String VERSION = "version";
    public static final String OWNER = "owner";
    public static final String OWNER_CODE = "owner.creditCode";
    public static final String NAME_KEY = "nameKey";
    public static final String DEMO = "demo";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String SUBMITTED_AT = "submittedAt";
    public static final String FIELDS = "fields";
    public static final String HISTORY = "history";
    public static final String FINGERPRINT = "fingerprint";

    private EntryDocuments() {
    }

    public static String field(String name) {
        return FIELDS + "." + name;
    }

    /**
     * The form of a name that uniqueness and search use: Unicode-compatibility folded, trimmed, runs of
     * white space as one space, lower case; "Acme  Cloud" and "ＡＣＭＥ cloud" are the same name.
     */
    public static String nameKey(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    public static Document toDocument(Entry entry) {
        Document document = new Document(ID, entry.id())
                .append(KIND, entry.kind())
                .append(STATUS, entry.status().name())
                .append(VERSION, entry.version())
                .append(OWNER, new Document("creditCode", entry.owner().creditCode()).append("name", entry.owner().name()))
                .append(NAME_KEY, nameKey(entry.name()))
                .append(DEMO, entry.demo())
                .append(CREATED_AT, Date.from(entry.createdAt()))
                .append(UPDATED_AT, Date.from(entry.updatedAt()))
                .append(SUBMITTED_AT, entry.submittedAt() == null ? null : Date.from(entry.submittedAt()))
                .append(FIELDS, new Document(entry.fields()))
                .append(HISTORY, entry.history().stream().map(EntryDocuments::toDocument).toList());
        if (entry.fingerprint() != null) {
            document.append(FINGERPRINT, entry.fingerprint());
        }
        return document;
    }

    public static Document toDocument(HistoryRow row) {
        return new Document("from", row.from() == null ? null : row.from().name())
                .append("to", row.to().name())
                .append("actor", row.actor())
                .append("at", Date.from(row.at()))
                .append("comment", row.comment());
    }

    public static Entry fromDocument(Document document) {
        Document owner = document.get(OWNER, Document.class);
        List<HistoryRow> history = new ArrayList<>();
        for (Document row : document.getList(HISTORY, Document.class, List.of())) {
            String from = row.getString("from");
            history.add(new HistoryRow(from == null ? null : EntryStatus.valueOf(from), EntryStatus.valueOf(row.getString("to")),
                    row.getString("actor"), instant(row.getDate("at")), row.getString("comment")));
        }
        return new Entry(document.getString(ID), document.getString(KIND), EntryStatus.valueOf(document.getString(STATUS)),
                ((Number) document.get(VERSION)).longValue(),
                new Owner(owner.getString("creditCode"), owner.getString("name")),
                Boolean.TRUE.equals(document.getBoolean(DEMO)),
                instant(document.getDate(CREATED_AT)), instant(document.getDate(UPDATED_AT)),
                instant(document.getDate(SUBMITTED_AT)), plain(document.get(FIELDS, Document.class)), history,
                document.getString(FINGERPRINT));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Map<String, Object> plain(Document fields) {
        Map<String, Object> plain = new LinkedHashMap<>();
        if (fields != null) {
            fields.forEach((name, value) -> {
                if (value != null) {
                    plain.put(name, value);
                }
            });
        }
        return plain;
    }
}
