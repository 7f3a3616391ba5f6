package cn.beijing.iip.registry.security;

import java.util.List;

import org.hibernate.validator.constraints.UniqueElements;

import cn.beijing.iip.registry.core.kind.Code;
import cn.beijing.iip.registry.core.kind.Complete;
import cn.beijing.iip.registry.core.kind.Constraints;
import cn.beijing.iip.registry.core.kind.EntryFields;
import cn.beijing.iip.registry.taxonomy.Taxonomies;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An industrial-internet security product. Its vendor is the enterprise that owns the entry, so the
 * distinct owners of approved products are the plan's "security firms". The descriptions are what the
 * service's API document shows.
 */
public record SecurityProduct(
        @Schema(description = "The product's name; unique among the enterprise's products", example = "Acme ICS Firewall")
        @Constraints.Name String name,
        @Schema(description = "What kind of protection it is", example = "industrial-firewall")
        @NotNull(groups = Complete.class) @Code(Taxonomies.SECURITY_CATEGORIES) String category,
        @Schema(description = "The industries it protects", example = "automotive")
        @NotEmpty(groups = Complete.class) @Size(max = 10) @UniqueElements
        List<@NotNull @Code(Taxonomies.INDUSTRIES) String> industries,
        @Schema(description = "Where the vendor is based", example = "beijing")
        @NotNull(groups = Complete.class) @Code(Taxonomies.REGIONS) String region,
        @Schema(description = "What the product does, in the vendor's words")
        @Constraints.Text String description,
        @Schema(description = "Certificates the product holds", example = "MLPS-3")
        @NotEmpty(groups = Complete.class) @Size(max = 20) @UniqueElements List<@Constraints.Label String> certifications,
        @Schema(description = "The version under review", example = "V3.2")
        @Size(max = 64) @Pattern(regexp = VISIBLE_LINE, message = "must be one line with a visible character")
        String productVersion,
        @Schema(description = "Yearly industrial-internet revenue the enterprise declares, in CNY; the largest"
                + " among an enterprise's approved entries counts towards the core-industry target",
                example = "30000000")
        @NotNull(groups = Complete.class) @Constraints.Amount Long declaredRevenueCny,
        @Schema(description = "The product's web address (http or https)")
        @Constraints.WebAddress String website) implements EntryFields {

    /**
     * One line that is not blank: no control character (C0 or C1), line separator or unpaired surrogate,
     * which would not come back as sent. {@code Constraints.Label} would say the same but also makes the
     * field required (its {@code @NotBlank} refuses null), and a product version is optional.
     */
    static final String VISIBLE_LINE = "[^\\p{Cc}\\p{Cs}\\p{Zl}\\p{Zp}]*[^\\p{Cc}\\p{Cs}\\p{Zl}\\p{Zp}\\s][^\\p{Cc}\\p{Cs}\\p{Zl}\\p{Zp}]*";
}
