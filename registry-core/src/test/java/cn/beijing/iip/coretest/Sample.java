package cn.beijing.iip.coretest;

import java.util.List;

import cn.beijing.iip.registry.core.kind.Code;
import cn.beijing.iip.registry.core.kind.Complete;
import cn.beijing.iip.registry.core.kind.Constraints;
import cn.beijing.iip.registry.core.kind.EntryFields;
import cn.beijing.iip.registry.taxonomy.Taxonomies;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** The smallest kind of entry, to test the lifecycle apart from any real kind. */
public record Sample(
        @Constraints.Name String name,
        @NotEmpty(groups = Complete.class) List<@NotNull @Code(Taxonomies.INDUSTRIES) String> industries,
        @NotNull(groups = Complete.class) @Code(Taxonomies.REGIONS) String region,
        @NotBlank(groups = Complete.class) @Constraints.Text String description,
        @Constraints.Count Long devices,
        @NotNull(groups = Complete.class) @Constraints.Amount Long declaredRevenueCny) implements EntryFields {
}
