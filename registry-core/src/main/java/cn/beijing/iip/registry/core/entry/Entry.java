package cn.beijing.iip.registry.core.entry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An entry as stored: the lifecycle's envelope around the kind's own fields.
 *
 * @param fields the kind's fields as plain values (see {@code KindDefinition#fieldsType()})
 */
public record Entry(String id, String kind, EntryStatus status, long version, Owner owner, boolean demo,
        Instant createdAt, Instant updatedAt, Instant submittedAt, Map<String, Object> fields,
        List<HistoryRow> history, String fingerprint) {

    public Entry {
        fields = Map.copyOf(fields);
        history = List.copyOf(history);
    }

    public boolean ownedBy(String creditCode) {
        return owner.creditCode().equals(creditCode);
    }

    public String name() {
        return (String) fields.get("name");
    }

    /** The value of the {@code ETag} header. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
