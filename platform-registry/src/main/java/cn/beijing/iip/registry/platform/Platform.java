package cn.beijing.iip.registry.platform;

import java.util.List;

import org.hibernate.validator.constraints.UniqueElements;

import cn.beijing.iip.registry.core.kind.Code;
import cn.beijing.iip.registry.core.kind.Complete;
import cn.beijing.iip.registry.core.kind.Constraints;
import cn.beijing.iip.registry.core.kind.EntryFields;
import cn.beijing.iip.registry.taxonomy.Taxonomies;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An industrial-internet platform, with what a reviewer weighs against the plan's "leading platform
 * for key industries": its type, the industries it serves, its reach and its revenue.
 *
 * @param platformType       cross-industry, industry-specific or specialised
 * @param connectedDevices   industrial equipment connected to the platform
 * @param industrialApps     industrial apps offered on it
 * @param enterprisesServed  enterprises using it
 * @param declaredRevenueCny yearly industrial-internet revenue the enterprise declares
 */
public record Platform(
        @Constraints.Name String name,
        @Code(Taxonomies.PLATFORM_TYPES) String platformType,
        @NotEmpty(groups = Complete.class) @Size(max = 10) @UniqueElements
        List<@NotNull @Code(Taxonomies.INDUSTRIES) String> industries,
        @NotNull(groups = Complete.class) @Code(Taxonomies.REGIONS) String region,
        @NotBlank(groups = Complete.class) @Constraints.Text String description,
        @NotNull(groups = Complete.class) @Constraints.Count Long connectedDevices,
        @Constraints.Count Long industrialApps,
        @NotNull(groups = Complete.class) @Constraints.Count Long enterprisesServed,
        @NotNull(groups = Complete.class) @Constraints.Amount Long declaredRevenueCny,
        @Constraints.WebAddress String website) implements EntryFields {
}
