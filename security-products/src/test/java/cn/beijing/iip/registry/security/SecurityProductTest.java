package cn.beijing.iip.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

/** The rule of a product's own field, the version: optional, one line, with a visible character. */
class SecurityProductTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"V3.2.1", "2024.1 LTS", "版本 3", " 1.0 ", "v🚀"})
    void acceptsAVersionOnOneLine(String version) {
        assertThat(VALIDATOR.validateValue(SecurityProduct.class, "productVersion", version)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1.0\n2.0", "1.0\u0000", "1.0\u001b", "1.0\u0085", "1.0\u009b", "1.0\u2028", "1.0\u2029",
            "1.0\uD800", "\uDC00"})
    void refusesAVersionThatIsBlankOrWouldNotComeBackAsSent(String version) {
        assertThat(VALIDATOR.validateValue(SecurityProduct.class, "productVersion", version)).isNotEmpty();
    }
}
