package cn.beijing.iip.registry.platform;

import java.util.List;

import org.hibernate.validator.constraints.UniqueElements;

import cn.beijing.iip.registry.core.kind.Code;
import cn.beijing.iip.registry.core.kind.Complete;
import cn.beijing.iip.registry.core.kind.Constraints;
import cn.beijing.iip.registry.core.kind.EntryFields;
import cn.beijing.iip.registry.taxonomy.Taxonomies;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An industrial-internet platform, with what a reviewer weighs against the plan's "leading platform
 * for key industries": its type, the industries it serves, its reach and its revenue. The
 * descriptions are what the service's API document shows.
 */
public record Platform(
        @Schema(description = "The platform's name; unique among the enterprise's platforms",
                example = "Foton Vehicle Cloud")
        @Constraints.Name String name,
        @Schema(description = "Cross-industry, industry-specific or specialised")
        @Code(Taxonomies.PLATFORM_TYPES) String platformType,
        @Schema(description = "The key industries the platform serves", example = "automotive")
        @NotEmpty(groups = Complete.class) @Size(max = 10) @UniqueElements
        List<@NotNull @Code(Taxonomies.INDUSTRIES) String> industries,
        @Schema(description = "Where the enterprise runs the platform", example = "beijing")
        @NotNull(groups = Complete.class) @Code(Taxonomies.REGIONS) String region,
        @Schema(description = "What the platform does and for whom")
        @NotBlank(groups = Complete.class) @Constraints.Text String description,
        @Schema(description = "Industrial equipment connected to the platform", example = "2200000")
        @NotNull(groups = Complete.class) @Constraints.Count Long connectedDevices,
        @Schema(description = "Industrial apps offered on the platform")
        @Constraints.Count Long industrialApps,
        @Schema(description = "Enterprises using the platform", example = "2307")
        @NotNull(groups = Complete.class) @Constraints.Count Long enterprisesServed,
        @Schema(description = "Yearly industrial-internet revenue the enterprise declares, in CNY; the largest"
                + " among an enterprise's approved entries counts towards the core-industry target",
                example = "500000000")
        @NotNull(groups = Complete.class) @Constraints.Amount Long declaredRevenueCny,
        @Schema(description = "The platform's web address (http or https)")
        @Constraints.WebAddress String website) implements EntryFields {
}
