package cn.beijing.iip.registry.system.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.plan.Target;
import cn.beijing.iip.registry.seeds.Seeds;
import cn.beijing.iip.registry.system.support.RegistrySystem;

/**
 * The plan's figures counted straight from the store, the way CONTRACT.md defines each measure and
 * without the services' code, so that what Prometheus and /api/progress show can be checked against it.
 */
final class StoreFigures {

    private static final Bson APPROVED = Filters.eq("status", "APPROVED");

    private StoreFigures() {
    }

    /** Achieved figure by target id, for every target of the plan. */
    static Map<String, Long> count(RegistrySystem system) {
        Map<String, Long> figures = new LinkedHashMap<>();
        for (Target target : Seeds.packaged().plan().targets()) {
            figures.put(target.id(), switch (target.measure()) {
                case APPROVED_ENTRIES -> system.entries(target.kind()).countDocuments(APPROVED);
                case APPROVED_ENTERPRISES -> (long) system.entries(target.kind())
                        .distinct("owner.creditCode", APPROVED, String.class).into(new ArrayList<>()).size();
                case CORE_INDUSTRY_REVENUE -> coreIndustryRevenue(system);
            });
        }
        return figures;
    }

    /** Per enterprise the largest revenue declared in any of its approved entries, of any kind; summed. */
    private static long coreIndustryRevenue(RegistrySystem system) {
        Map<String, Long> largestByEnterprise = new HashMap<>();
        for (EntryKind kind : EntryKind.values()) {
            for (Document entry : system.entries(kind).find(APPROVED)
                    .projection(Projections.include("owner.creditCode", "fields.declaredRevenueCny"))) {
                String owner = entry.get("owner", Document.class).getString("creditCode");
                Object revenue = entry.get("fields", new Document()).get("declaredRevenueCny");
                long amount = revenue instanceof Number number ? number.longValue() : 0L;
                largestByEnterprise.merge(owner, amount, Math::max);
            }
        }
        return largestByEnterprise.values().stream().mapToLong(Long::longValue).sum();
    }
}
