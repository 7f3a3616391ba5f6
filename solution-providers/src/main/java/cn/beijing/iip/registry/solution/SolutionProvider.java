package cn.beijing.iip.registry.solution;

import java.util.List;

import org.hibernate.validator.constraints.UniqueElements;

import cn.beijing.iip.registry.core.kind.Code;
import cn.beijing.iip.registry.core.kind.Complete;
import cn.beijing.iip.registry.core.kind.Constraints;
import cn.beijing.iip.registry.core.kind.EntryFields;
import cn.beijing.iip.registry.taxonomy.Taxonomies;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A system-solution provider's profile (one per enterprise), with what shows "national reach": the
 * provinces it serves and its reference cases.
 *
 * @param domains         what its solutions do (digital twin, smart factory, ...)
 * @param provincesServed provincial-level divisions with customers, of China's 34
 * @param referenceCases  delivered projects a reviewer may ask about
 */
public record SolutionProvider(
        @Constraints.Name String name,
        @NotEmpty(groups = Complete.class) @Size(max = 10) @UniqueElements
        List<@NotNull @Code(Taxonomies.SOLUTION_DOMAINS) String> domains,
        @NotEmpty(groups = Complete.class) @Size(max = 10) @UniqueElements
        List<@NotNull @Code(Taxonomies.INDUSTRIES) String> industries,
        @NotNull(groups = Complete.class) @Code(Taxonomies.REGIONS) String region,
        @Constraints.Text String description,
        @NotNull(groups = Complete.class) @PositiveOrZero @Max(34) Long provincesServed,
        @NotNull(groups = Complete.class) @Constraints.Count Long referenceCases,
        @NotNull(groups = Complete.class) @Constraints.Amount Long declaredRevenueCny,
        @Constraints.WebAddress String website) implements EntryFields {
}
