package cn.beijing.iip.registry.core.kind;

import java.util.List;

import cn.beijing.iip.registry.plan.EntryKind;

/**
 * What a service says about its kind of entry; everything else (lifecycle, storage, security,
 * figures) comes from registry-core. A service declares exactly one as a bean.
 *
 * @param <F> the record of the entry's own fields, with its validation: draft rules in the default
 *            group, submit rules in {@link Complete}
 */
public interface KindDefinition<F extends EntryFields> {

    EntryKind kind();

    Class<F> fieldsType();

    /** Uniqueness beyond one name per enterprise. */
    default List<UniqueRule> uniqueRules() {
        return List.of();
    }

    /** List filters beyond status, industry, region, q and mine. */
    default List<CodeFilter> filters() {
        return List.of();
    }
}
