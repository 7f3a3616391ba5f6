package cn.beijing.iip.registry.core.entry;

import java.util.Map;

import cn.beijing.iip.registry.core.kind.CodeFilter;

/**
 * A list request, checked: every value known, page from 0, size 1 to 100.
 *
 * @param codes the taxonomy filters asked for (industry, region and the kind's own), by filter
 * @param owner the credit code of the one enterprise whose entries are asked for, if any
 */
public record ListQuery(EntryStatus status, Map<CodeFilter, String> codes, String q, boolean mine, String owner,
        int page, int size, Order order) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;

    /** The orders a list can be read in. */
    public enum Order {
        /** Most recently changed first (the default). */
        UPDATED,
        /** By name. */
        NAME,
        /** Longest waiting first: the review queue. */
        SUBMITTED
    }
}
