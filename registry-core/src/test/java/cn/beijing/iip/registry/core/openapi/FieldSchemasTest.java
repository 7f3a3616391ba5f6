package cn.beijing.iip.registry.core.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

import org.hibernate.validator.constraints.UniqueElements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.beijing.iip.registry.core.kind.Code;
import cn.beijing.iip.registry.core.kind.Complete;
import cn.beijing.iip.registry.core.kind.Constraints;
import cn.beijing.iip.registry.seeds.Seeds;
import cn.beijing.iip.registry.taxonomy.Taxonomies;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

class FieldSchemasTest {

    /** A kind's fields as services declare them: draft rules by default, submit rules in Complete. */
    record Plant(
            @io.swagger.v3.oas.annotations.media.Schema(description = "What the plant is called") @Constraints.Name String name,
            @NotEmpty(groups = Complete.class) @Size(max = 3) @UniqueElements
            List<@NotNull @Code(Taxonomies.INDUSTRIES) String> industries,
            @NotNull(groups = Complete.class) @Code(Taxonomies.REGIONS) String region,
            @NotBlank(groups = Complete.class) @Constraints.Text String description,
            @Constraints.Count Long furnaces,
            @Constraints.WebAddress String website) {
    }

    private final Taxonomies taxonomies = Seeds.packaged().taxonomies();
    private final FieldSchemas schemas = new FieldSchemas(taxonomies);

    @Test
    void requiresOnlyWhatADraftNeedsAndMarksWhatSubmitNeeds() {
        Schema<Object> body = schemas.body(Plant.class);

        assertThat(body.getProperties()).containsOnlyKeys("name", "industries", "region", "description", "furnaces", "website");
        assertThat(body.getRequired()).containsExactly("name");
        assertThat(body.getAdditionalProperties()).isEqualTo(false);
        for (String field : List.of("industries", "region", "description")) {
            assertThat(body.getProperties().get(field).getExtensions()).as(field)
                    .containsEntry(FieldSchemas.REQUIRED_TO_SUBMIT, true);
        }
        assertThat(body.getProperties().get("furnaces").getExtensions()).isNull();
        assertThat(body.getDescription()).contains("submit also needs industries, region, description.");
        assertThat(schemas.requiredToSubmit(Plant.class)).containsExactly("name", "industries", "region", "description");
    }

    @Test
    void keepsSubmitRulesOutOfTheDraftSchema() {
        Schema<?> industries = schemas.body(Plant.class).getProperties().get("industries");
        Schema<?> description = schemas.body(Plant.class).getProperties().get("description");

        assertThat(industries.getMinItems()).as("a draft may have no industries yet").isNull();
        assertThat(description.getMinLength()).as("a draft may have a blank description").isNull();
    }

    @Test
    void unfoldsComposedConstraints() {
        Schema<?> name = schemas.body(Plant.class).getProperties().get("name");
        Schema<?> furnaces = schemas.body(Plant.class).getProperties().get("furnaces");

        assertThat(name.getMinLength()).isEqualTo(1);
        assertThat(name.getMaxLength()).isEqualTo(200);
        assertThat(name.getDescription()).startsWith("What the plant is called");
        assertThat(furnaces.getMinimum()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(furnaces.getMaximum()).isEqualByComparingTo(BigDecimal.valueOf(10_000_000_000L));
    }

    @Test
    void offersTheTaxonomyCodesForEveryCodeAndListElement() {
        Schema<?> industries = schemas.body(Plant.class).getProperties().get("industries");
        Schema<?> region = schemas.body(Plant.class).getProperties().get("region");

        assertThat(industries.getMaxItems()).isEqualTo(3);
        assertThat(industries.getUniqueItems()).isTrue();
        assertThat(List.copyOf(industries.getItems().getEnum()))
                .isEqualTo(List.copyOf(taxonomies.get(Taxonomies.INDUSTRIES).codes()));
        assertThat(List.copyOf(region.getEnum())).isEqualTo(List.of("beijing", "tianjin", "hebei"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acme Cloud", "福田", "", " ", "two\nlines", "bell\u0007", "del\u007f", "tab\there"})
    void translatesPatternsSoASchemaValidatorAgreesWithTheService(String value) {
        for (String java : List.of("[^\\p{Cntrl}]*", "https?://[^\\s<>\"]+",
                "[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*",
                "[^\\p{Cntrl}]*[^\\p{Cntrl}\\s][^\\p{Cntrl}]*")) {
            String schema = FieldSchemas.ecmaScript(java);

            assertThat(schema).startsWith("^(?:").endsWith(")$").doesNotContain("\\p{");
            assertThat(Pattern.compile(schema).matcher(value).find()).as(java + " on " + value)
                    .isEqualTo(Pattern.compile(java).matcher(value).matches());
        }
    }
}
