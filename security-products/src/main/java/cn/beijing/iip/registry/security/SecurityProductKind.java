package cn.beijing.iip.registry.security;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.beijing.iip.registry.core.kind.CodeFilter;
import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.taxonomy.Taxonomies;

/** Security products: listed by category as well; they feed {@code security-products} and {@code security-firms}. */
@Component
public class SecurityProductKind implements KindDefinition<SecurityProduct> {

    @Override
    public EntryKind kind() {
        return EntryKind.SECURITY_PRODUCTS;
    }

    @Override
    public Class<SecurityProduct> fieldsType() {
        return SecurityProduct.class;
    }

    @Override
    public List<CodeFilter> filters() {
        return List.of(new CodeFilter("category", "category", Taxonomies.SECURITY_CATEGORIES));
    }
}
