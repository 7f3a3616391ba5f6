package cn.beijing.iip.registry.solution;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.beijing.iip.registry.core.kind.CodeFilter;
import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.core.kind.UniqueRule;
import cn.beijing.iip.registry.core.store.EntryDocuments;
import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.problem.ProblemType;
import cn.beijing.iip.registry.taxonomy.Taxonomies;

/**
 * Solution providers: one profile per enterprise, kept by a unique index on the owner; an enterprise
 * applies again by editing and resubmitting its profile. They feed the {@code solution-providers} target.
 */
@Component
public class SolutionProviderKind implements KindDefinition<SolutionProvider> {

    @Override
    public EntryKind kind() {
        return EntryKind.SOLUTION_PROVIDERS;
    }

    @Override
    public Class<SolutionProvider> fieldsType() {
        return SolutionProvider.class;
    }

    @Override
    public List<UniqueRule> uniqueRules() {
        return List.of(new UniqueRule("one_profile_per_enterprise", List.of(EntryDocuments.OWNER_CODE),
                ProblemType.ONE_PER_ENTERPRISE, "an enterprise has one solution-provider profile; edit and"
                        + " resubmit the existing one (existingId)"));
    }

    @Override
    public List<CodeFilter> filters() {
        return List.of(new CodeFilter("domain", "domains", Taxonomies.SOLUTION_DOMAINS));
    }
}
