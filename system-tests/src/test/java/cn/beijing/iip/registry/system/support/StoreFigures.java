package cn.beijing.iip.registry.system.support;

import static com.mongodb.client.model.Filters.eq;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;

import cn.beijing.iip.registry.plan.EntryKind;

/**
 * The figures CONTRACT defines, counted here straight from the store's documents, independently of
 * the services' own counting: what every replica's gauges, /api/progress and Prometheus must come to.
 */
public record StoreFigures(Map<EntryKind, Map<String, Long>> entries, Map<String, Long> achieved) {

    public static final List<String> STATUSES = List.of("DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "REJECTED", "REVOKED");

    /** The targets each kind's service reports (CONTRACT's target table); the gateway reports the revenue. */
    public static final Map<EntryKind, List<String>> TARGETS = Map.of(
            EntryKind.PLATFORMS, List.of("platforms"),
            EntryKind.SOLUTION_PROVIDERS, List.of("solution-providers"),
            EntryKind.SECURITY_PRODUCTS, List.of("security-products", "security-firms"));
    public static final String REVENUE = "core-industry-revenue";

    public static StoreFigures count(RegistrySystem system) {
        Map<EntryKind, Map<String, Long>> entries = new EnumMap<>(EntryKind.class);
        Map<String, Long> largestRevenue = new HashMap<>();
        Set<String> securityFirms = new HashSet<>();
        for (EntryKind kind : EntryKind.values()) {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            STATUSES.forEach(status -> byStatus.put(status, 0L));
            for (Document entry : system.entries(kind).find()) {
                String status = entry.getString("status");
                byStatus.merge(status, 1L, Long::sum);
                if (status.equals("APPROVED")) {
                    String owner = entry.get("owner", Document.class).getString("creditCode");
                    Object revenue = entry.get("fields", Document.class).get("declaredRevenueCny");
                    largestRevenue.merge(owner, revenue instanceof Number n ? n.longValue() : 0L, Math::max);
                    if (kind == EntryKind.SECURITY_PRODUCTS) {
                        securityFirms.add(owner);
                    }
                }
            }
            entries.put(kind, byStatus);
        }
        Map<String, Long> achieved = new LinkedHashMap<>();
        achieved.put("platforms", entries.get(EntryKind.PLATFORMS).get("APPROVED"));
        achieved.put("solution-providers", entries.get(EntryKind.SOLUTION_PROVIDERS).get("APPROVED"));
        achieved.put("security-products", entries.get(EntryKind.SECURITY_PRODUCTS).get("APPROVED"));
        achieved.put("security-firms", (long) securityFirms.size());
        achieved.put(REVENUE, largestRevenue.values().stream().mapToLong(Long::longValue).sum());
        return new StoreFigures(entries, achieved);
    }

    public long entries(EntryKind kind, String status) {
        return entries.get(kind).get(status);
    }

    public long achieved(String target) {
        return achieved.get(target);
    }

    public static Document find(RegistrySystem system, EntryKind kind, String id) {
        return system.entries(kind).find(eq("_id", id)).first();
    }
}
