package cn.beijing.iip.registry.solution;

import java.util.List;

import org.hibernate.validator.constraints.UniqueElements;

import cn.beijing.iip.registry.core.kind.Code;
import cn.beijing.iip.registry.core.kind.Complete;
import cn.beijing.iip.registry.core.kind.Constraints;
import cn.beijing.iip.registry.core.kind.EntryFields;
import cn.beijing.iip.registry.taxonomy.Taxonomies;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A system-solution provider's profile (one per enterprise), with what shows "national reach": the
 * provinces it serves and its reference cases. The descriptions are what the service's API document shows.
 */
public record SolutionProvider(
        @Schema(description = "The profile's name, usually the enterprise's solution brand",
                example = "Acme Industrial Solutions")
        @Constraints.Name String name,
        @Schema(description = "What its solutions do", example = "digital-twin")
        @NotEmpty(groups = Complete.class) @Size(max = 10) @UniqueElements
        List<@NotNull @Code(Taxonomies.SOLUTION_DOMAINS) String> domains,
        @Schema(description = "The industries it delivers to", example = "steel")
        @NotEmpty(groups = Complete.class) @Size(max = 10) @UniqueElements
        List<@NotNull @Code(Taxonomies.INDUSTRIES) String> industries,
        @Schema(description = "Where the enterprise is based", example = "beijing")
        @NotNull(groups = Complete.class) @Code(Taxonomies.REGIONS) String region,
        @Schema(description = "What the enterprise offers, in its own words")
        @Constraints.Text String description,
        @Schema(description = "Provincial-level divisions with customers, of China's 34", example = "12")
        @NotNull(groups = Complete.class) @PositiveOrZero @Max(34) Long provincesServed,
        @Schema(description = "Delivered projects a reviewer may ask about", example = "40")
        @NotNull(groups = Complete.class) @Constraints.Count Long referenceCases,
        @Schema(description = "Yearly industrial-internet revenue the enterprise declares, in CNY; the largest"
                + " among an enterprise's approved entries counts towards the core-industry target",
                example = "200000000")
        @NotNull(groups = Complete.class) @Constraints.Amount Long declaredRevenueCny,
        @Schema(description = "The provider's web address (http or https)")
        @Constraints.WebAddress String website) implements EntryFields {
}
