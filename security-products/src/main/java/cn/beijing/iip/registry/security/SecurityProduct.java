package cn.beijing.iip.registry.security;

import java.util.List;

import org.hibernate.validator.constraints.UniqueElements;

import cn.beijing.iip.registry.core.kind.Code;
import cn.beijing.iip.registry.core.kind.Complete;
import cn.beijing.iip.registry.core.kind.Constraints;
import cn.beijing.iip.registry.core.kind.EntryFields;
import cn.beijing.iip.registry.taxonomy.Taxonomies;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An industrial-internet security product. Its vendor is the enterprise that owns the entry, so the
 * distinct owners of approved products are the plan's "security firms".
 *
 * @param category       what kind of protection it is
 * @param certifications certificates it holds, such as {@code MLPS-3}
 * @param productVersion the version under review
 */
public record SecurityProduct(
        @Constraints.Name String name,
        @NotNull(groups = Complete.class) @Code(Taxonomies.SECURITY_CATEGORIES) String category,
        @NotEmpty(groups = Complete.class) @Size(max = 10) @UniqueElements
        List<@NotNull @Code(Taxonomies.INDUSTRIES) String> industries,
        @NotNull(groups = Complete.class) @Code(Taxonomies.REGIONS) String region,
        @Constraints.Text String description,
        @NotEmpty(groups = Complete.class) @Size(max = 20) @UniqueElements List<@Constraints.Label String> certifications,
        @Size(max = 64) @Pattern(regexp = VISIBLE_LINE, message = "must be one line with a visible character")
        String productVersion,
        @NotNull(groups = Complete.class) @Constraints.Amount Long declaredRevenueCny,
        @Constraints.WebAddress String website) implements EntryFields {

    /**
     * One line that is not blank. {@code Constraints.Label} would say the same but also makes the field
     * required (its {@code @NotBlank} refuses null), and a product version is optional.
     */
    static final String VISIBLE_LINE = "[^\\p{Cntrl}]*[^\\p{Cntrl}\\s][^\\p{Cntrl}]*";
}
