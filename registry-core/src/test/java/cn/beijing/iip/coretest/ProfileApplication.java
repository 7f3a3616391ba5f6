package cn.beijing.iip.coretest;

import java.util.List;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.core.kind.UniqueRule;
import cn.beijing.iip.registry.core.store.EntryDocuments;
import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.problem.ProblemType;

/** A registry service of one profile per enterprise, standing in for the solution providers. */
@SpringBootApplication(scanBasePackages = "cn.beijing.iip.registry.core")
public class ProfileApplication {

    static final String ONE_PER_ENTERPRISE = "one_profile_per_enterprise";

    @Bean
    KindDefinition<Sample> profileKind() {
        return new KindDefinition<>() {
            @Override
            public EntryKind kind() {
                return EntryKind.SOLUTION_PROVIDERS;
            }

            @Override
            public Class<Sample> fieldsType() {
                return Sample.class;
            }

            @Override
            public List<UniqueRule> uniqueRules() {
                return List.of(new UniqueRule(ONE_PER_ENTERPRISE, List.of(EntryDocuments.OWNER_CODE),
                        ProblemType.ONE_PER_ENTERPRISE, "an enterprise has one profile; edit and resubmit it (existingId)"));
            }
        };
    }
}
