package cn.beijing.iip.registry.core.entry;

import java.util.List;
import java.util.Map;

/** One page of a list. */
public record EntryPage(List<Map<String, Object>> items, int page, int size, long total) {
}
