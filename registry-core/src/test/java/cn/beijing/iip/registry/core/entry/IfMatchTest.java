package cn.beijing.iip.registry.core.entry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IfMatchTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void treatsAMissingHeaderAsAbsentSoThatUpdatesCanAskForIt(String header) {
        IfMatch ifMatch = IfMatch.parse(header);

        assertThat(ifMatch.present()).isFalse();
        assertThat(ifMatch.matches(7)).isTrue();
    }

    @Test
    void matchesTheQuotedVersionOnly() {
        IfMatch ifMatch = IfMatch.parse("\"3\"");

        assertThat(ifMatch.present()).isTrue();
        assertThat(ifMatch.matches(3)).isTrue();
        assertThat(ifMatch.matches(2)).isFalse();
        assertThat(ifMatch.matches(4)).isFalse();
    }

    @Test
    void matchesAnyOfSeveralTags() {
        IfMatch ifMatch = IfMatch.parse("\"1\", \"5\" ,\"9\"");

        assertThat(ifMatch.matches(1)).isTrue();
        assertThat(ifMatch.matches(5)).isTrue();
        assertThat(ifMatch.matches(9)).isTrue();
        assertThat(ifMatch.matches(2)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", " * "})
    void matchesEveryVersionForAStar(String header) {
        IfMatch ifMatch = IfMatch.parse(header);

        assertThat(ifMatch.present()).isTrue();
        assertThat(ifMatch.matches(1)).isTrue();
        assertThat(ifMatch.matches(1_000_000)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "'3'", "\"three\"", "\"-3\"", "\"3.0\"", "\"\"", "\"99999999999999999999999\"",
            "\"3", "garbage"})
    void matchesNothingForTagsThatAreNotOurs(String header) {
        IfMatch ifMatch = IfMatch.parse(header);

        assertThat(ifMatch.present()).as("a precondition was sent, so it must be checked").isTrue();
        for (long version = 0; version <= 10; version++) {
            assertThat(ifMatch.matches(version)).as("version %d", version).isFalse();
        }
    }
}
