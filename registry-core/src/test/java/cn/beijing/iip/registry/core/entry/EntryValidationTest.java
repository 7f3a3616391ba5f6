package cn.beijing.iip.registry.core.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.beijing.iip.coretest.Sample;
import cn.beijing.iip.registry.core.kind.CodeValidator;
import cn.beijing.iip.registry.core.kind.Complete;
import cn.beijing.iip.registry.core.kind.Constraints;
import cn.beijing.iip.registry.seeds.Seeds;
import cn.beijing.iip.registry.taxonomy.Taxonomies;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.groups.Default;

/** The field rules every kind shares, seen through a sample kind, with field names as callers read them. */
class EntryValidationTest {

    private static final Taxonomies TAXONOMIES = Seeds.packaged().taxonomies();
    private static final ValidatorFactory FACTORY = factory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    private static ValidatorFactory factory() {
        ConstraintValidatorFactory defaults = Validation.byDefaultProvider().configure()
                .getDefaultConstraintValidatorFactory();
        return Validation.byDefaultProvider().configure().constraintValidatorFactory(new ConstraintValidatorFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> key) {
                return key == CodeValidator.class ? (T) new CodeValidator(TAXONOMIES) : defaults.getInstance(key);
            }

            @Override
            public void releaseInstance(ConstraintValidator<?, ?> instance) {
                defaults.releaseInstance(instance);
            }
        }).buildValidatorFactory();
    }

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    /** Field name to messages, as the 400 problem lists them. */
    private static Map<String, List<String>> problems(Sample sample, Class<?>... groups) {
        return VALIDATOR.validate(sample, groups.length == 0 ? new Class<?>[] {Default.class} : groups).stream()
                .collect(Collectors.groupingBy(violation -> Lifecycle.path(violation.getPropertyPath()),
                        Collectors.mapping(violation -> violation.getMessage(), Collectors.toList())));
    }

    private static Sample named(String name) {
        return new Sample(name, null, null, null, null, null);
    }

    private static Sample complete() {
        return new Sample("Steel Cloud", List.of("steel", "automotive"), "beijing", "Connected furnaces", 1200L, 300_000_000L);
    }

    @Test
    void acceptsADraftThatHasOnlyAName() {
        assertThat(problems(named("Steel Cloud"))).isEmpty();
    }

    @Test
    void acceptsACompleteEntryForSubmission() {
        assertThat(problems(complete(), Default.class, Complete.class)).isEmpty();
    }

    @Test
    void namesEveryFieldASubmissionStillNeeds() {
        assertThat(problems(named("Steel Cloud"), Default.class, Complete.class))
                .containsOnlyKeys("industries", "region", "description", "declaredRevenueCny");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\u3000"})
    void requiresANameFromTheFirstDraft(String name) {
        assertThat(problems(named(name))).containsKey("name");
        assertThat(problems(named(null))).containsKey("name");
    }

    @Test
    void limitsANameToTwoHundredCharacters() {
        assertThat(problems(named("名".repeat(200)))).isEmpty();
        assertThat(problems(named("x".repeat(201)))).containsKey("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0007", "\t", "\n", "\r", "\u001B[31m", "\u007F", "\u0085", "\u009B31m", "\u2028", "\u2029",
            "\uD800", "\uDC00x"})
    void refusesNamesWithControlCharacters(String control) {
        assertThat(problems(named("Steel" + control + "Cloud"))).containsKey("name");
    }

    @Test
    void acceptsNamesInAnyScriptWithCharactersBeyondTheBasicPlane() {
        assertThat(problems(named("北汽福田车联网平台"))).isEmpty();
        assertThat(problems(named("Ｆｏｔｏｎ 𠀀 Cloud 🚀"))).isEmpty();
        assertThat(problems(new Sample("Steel Cloud", null, null, "Rockets 🚀 and 𠀀", null, null))).isEmpty();
    }

    /** A kind with a web address, as every kind has one. */
    record Linked(@Constraints.WebAddress String website) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/", "http://example.com/path?x=1&y=%20#frag", "https://例子.测试/路径",
            "http://[::1]:8080/x", "https://example.com/🚀"})
    void acceptsWebAddressesOfHttpAndHttps(String website) {
        assertThat(VALIDATOR.validate(new Linked(website))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "javascript:alert(1)", "http://exa mple.com/", "http://example.com/\u0000",
            "http://example.com/\u001b[2J", "http://example.com/\u007f", "http://example.com/\u0085", "http://example.com/\u2028",
            "http://example.com/\u2029", "http://example.com/\uD800", "http://example.com/\uDC00x"})
    void refusesWebAddressesOfOtherSchemesOrWithCharactersThatDoNotSurviveStorage(String website) {
        assertThat(VALIDATOR.validate(new Linked(website))).isNotEmpty();
    }

    @Test
    void allowsLineBreaksAndTabsInADescriptionButNoOtherControlCharacters() {
        Sample multiLine = new Sample("Steel Cloud", null, null, "Line one\nLine two\r\n\tindented", null, null);

        assertThat(problems(multiLine)).isEmpty();
        for (String control : List.of("\u0000", "\u0008", "\u001B", "\u007F", "\u0085", "\u009B", "\uD83D")) {
            Sample sample = new Sample("Steel Cloud", null, null, "a" + control + "b", null, null);
            assertThat(problems(sample)).as("U+%04X", (int) control.charAt(0)).containsKey("description");
        }
        assertThat(problems(new Sample("Steel Cloud", null, null, "x".repeat(4001), null, null))).containsKey("description");
    }

    @Test
    void refusesNegativeCountsAndAmounts() {
        Sample negative = new Sample("Steel Cloud", null, null, null, -1L, -5L);

        assertThat(problems(negative)).containsOnlyKeys("devices", "declaredRevenueCny");
        assertThat(problems(new Sample("Steel Cloud", null, null, null, 0L, 0L))).isEmpty();
    }

    @Test
    void capsCountsAndAmountsSoThatSumsCannotOverflow() {
        assertThat(problems(new Sample("Steel Cloud", null, null, null, 10_000_000_000L, 10_000_000_000_000L))).isEmpty();
        assertThat(problems(new Sample("Steel Cloud", null, null, null, 10_000_000_001L, 10_000_000_000_001L)))
                .containsOnlyKeys("devices", "declaredRevenueCny");
        assertThat(problems(new Sample("Steel Cloud", null, null, null, Long.MAX_VALUE, Long.MAX_VALUE)))
                .containsOnlyKeys("devices", "declaredRevenueCny");
    }

    @Test
    void namesTheUnknownCodeByItsPositionAndListsTheKnownCodes() {
        Sample sample = new Sample("Steel Cloud", List.of("steel", "<script>", "automotive"), "shanghai", null, null, null);

        Map<String, List<String>> problems = problems(sample);

        assertThat(problems).containsOnlyKeys("industries[1]", "region");
        assertThat(problems.get("region").getFirst()).contains("beijing, tianjin, hebei").doesNotContain("shanghai");
        assertThat(problems.get("industries[1]").getFirst()).contains("steel").doesNotContain("<script>");
    }

    @Test
    void refusesAMissingIndustryInTheList() {
        assertThat(problems(new Sample("Steel Cloud", Arrays.asList("steel", null), null, null, null, null)))
                .containsOnlyKeys("industries[1]");
    }
}
