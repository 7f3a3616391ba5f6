package cn.beijing.iip.registry.core.openapi;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.beijing.iip.registry.core.entry.ListQueries;
import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.plan.Plan;
import cn.beijing.iip.registry.taxonomy.Taxonomies;

/**
 * Each service's {@code /v3/api-docs} describes its own kind: bodies from its fields record, answers
 * from the lifecycle, errors from the problem types, list filters from its taxonomies.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    private final EntryComponents components;

    public OpenApiConfiguration(KindDefinition<?> kind, Taxonomies taxonomies) {
        this.components = new EntryComponents(kind, new FieldSchemas(taxonomies));
    }

    @Bean
    OperationCustomizer entryOperations(KindDefinition<?> kind, Taxonomies taxonomies, ListQueries queries) {
        return new EntryOperations(kind, taxonomies, queries, components);
    }

    @Bean
    OpenApiCustomizer registryOpenApi(KindDefinition<?> kind, Plan plan) {
        return new RegistryOpenApi(kind, plan, components);
    }
}
