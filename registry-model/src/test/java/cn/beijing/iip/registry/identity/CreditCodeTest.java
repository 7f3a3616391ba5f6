package cn.beijing.iip.registry.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

class CreditCodeTest {

    /** 17 characters of the code alphabet. */
    private static final Gen<String> BODIES = lists().of(integers().between(0, 30)).ofSize(17)
            .map(digits -> digits.stream()
                    .map(d -> String.valueOf(CreditCode.ALPHABET.charAt(d)))
                    .collect(Collectors.joining()));

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91110000802100433B", "91110108551385082Q"})
    void acceptsPublishedCodes(String code) {
        assertThat(CreditCode.isValid(code)).isTrue();
        assertThat(new CreditCode(code).value()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y44", "911100001011596224", "91110302MA00HQHK3X"})
    void rejectsCodesWhoseCheckCharacterIsWrong(String code) {
        assertThat(CreditCode.problem(code)).hasValueSatisfying(p -> assertThat(p).contains("check character"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9135010", "91350100M000100Y431", "91350100m000100Y43", "9135010OM000100Y43",
            "913501 0M000100Y43", "91350100M000100Ｙ43"})
    void rejectsCodesOfWrongLengthOrAlphabet(String code) {
        assertThat(CreditCode.isValid(code)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new CreditCode(code));
    }

    @Test
    void rejectsMissingCode() {
        assertThat(CreditCode.problem(null)).contains("a credit code is required");
    }

    @Test
    void everyBodyWithItsCheckCharacterIsValid() {
        qt().forAll(BODIES).checkAssert(body ->
                assertThat(CreditCode.isValid(body + CreditCode.checkCharacter(body))).isTrue());
    }

    @Test
    void detectsEverySingleCharacterSubstitution() {
        qt().forAll(BODIES, integers().between(0, 17), integers().between(1, 30)).checkAssert((body, position, shift) -> {
            char[] code = (body + CreditCode.checkCharacter(body)).toCharArray();
            int digit = CreditCode.ALPHABET.indexOf(code[position]);
            code[position] = CreditCode.ALPHABET.charAt((digit + shift) % 31);
            assertThat(CreditCode.isValid(new String(code))).isFalse();
        });
    }

    @Test
    void checkCharacterMatchesTheStandardsWorkedExample() {
        // GB 32100-2015 appendix example as commonly reproduced: weights 1,3,9,27,19,26,16,...
        assertThat(CreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
    }
}
