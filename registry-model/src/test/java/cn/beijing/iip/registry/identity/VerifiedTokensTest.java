package cn.beijing.iip.registry.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T08:00:00Z"));
    private final VerifiedTokens<String> tokens = new VerifiedTokens<>(3, clock);

    @Test
    void remembersAVerifiedTokenUntilItExpires() {
        tokens.remember("header.payload.signature", "decoded", clock.instant().plus(Duration.ofMinutes(5)));

        assertThat(tokens.find("header.payload.signature")).isEqualTo("decoded");
        clock.move(Duration.ofMinutes(5).minusMillis(1));
        assertThat(tokens.find("header.payload.signature")).isEqualTo("decoded");
        clock.move(Duration.ofMillis(1));
        assertThat(tokens.find("header.payload.signature")).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void findsOnlyTheVeryTokenThatWasVerified() {
        tokens.remember("header.payload.signature", "decoded", clock.instant().plusSeconds(60));

        assertThat(tokens.find("header.payload.signaturf")).isNull();
        assertThat(tokens.find("header.payload.signature ")).isNull();
        assertThat(tokens.find("header.payload")).isNull();
    }

    @Test
    void forgetsNothingItCannotTellTheExpiryOf() {
        tokens.remember("no-expiry", "decoded", null);
        tokens.remember("expired", "decoded", clock.instant().minusSeconds(1));

        assertThat(tokens.find("no-expiry")).isNull();
        assertThat(tokens.find("expired")).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void holdsAtMostItsCapacityAndMakesRoomByDroppingExpiredTokens() {
        for (int i = 0; i < 3; i++) {
            tokens.remember("short-" + i, "decoded", clock.instant().plusSeconds(10));
        }
        tokens.remember("one-too-many", "decoded", clock.instant().plusSeconds(60));
        assertThat(tokens.size()).isEqualTo(3);
        assertThat(tokens.find("one-too-many")).isNull();

        clock.move(Duration.ofSeconds(10));
        tokens.remember("after-they-expired", "decoded", clock.instant().plusSeconds(60));
        assertThat(tokens.find("after-they-expired")).isEqualTo("decoded");
        assertThat(tokens.size()).isEqualTo(1);
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public long millis() {
            return now.toEpochMilli();
        }
    }
}
