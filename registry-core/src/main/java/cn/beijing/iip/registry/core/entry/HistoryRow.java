package cn.beijing.iip.registry.core.entry;

import java.time.Instant;

/** One row of an entry's audit trail; creation is the first row, with {@code from} null. */
public record HistoryRow(EntryStatus from, EntryStatus to, String actor, Instant at, String comment) {
}
