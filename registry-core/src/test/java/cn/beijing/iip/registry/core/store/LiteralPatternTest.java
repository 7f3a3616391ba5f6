package cn.beijing.iip.registry.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

/** Search text becomes a regular expression for the store; it must only ever match itself. */
class LiteralPatternTest {

    /** Characters that mean something in a regular expression, with a few that don't. */
    private static final String TRICKY = "\\^$.|?*+()[]{}/-#&~<>=!,:'\"`@%; abAB0福田\nQE";

    private static final Gen<String> TRICKY_TEXT = lists().of(integers().between(0, TRICKY.length() - 1))
            .ofSizeBetween(0, 12)
            .map(indexes -> indexes.stream().map(i -> String.valueOf(TRICKY.charAt(i))).collect(Collectors.joining()));

    @Test
    void anyTextMatchesItselfLiterally() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40))
                .checkAssert(text -> assertThat(Pattern.compile(EntryRepository.literal(text)).matcher(text).matches()).isTrue());
    }

    @Test
    void findsTextInANameExactlyWhenTheNameContainsIt() {
        qt().forAll(TRICKY_TEXT, TRICKY_TEXT).checkAssert((text, name) -> assertThat(
                Pattern.compile(EntryRepository.literal(text)).matcher(name).find()).isEqualTo(name.contains(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\Q", "\\E", "a\\Eb", "\\Qa.b\\E", "(?i)", "[^a]", "a{2}", "\\d", "\\p{L}", "$", "^"})
    void neutralisesQuotingAndFlagsAsWell(String text) {
        assertThat(Pattern.compile(EntryRepository.literal(text)).matcher("x" + text + "x").find()).isTrue();
        assertThat(Pattern.compile(EntryRepository.literal(text)).matcher(text.replace("\\", "")).find())
                .as("no longer special").isEqualTo(text.replace("\\", "").contains(text));
    }
}
