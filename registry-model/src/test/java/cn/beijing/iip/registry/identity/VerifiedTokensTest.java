package cn.beijing.iip.registry.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T08:00:00Z"));
    private final VerifiedTokens<String> tokens = new VerifiedTokens<>(3, now::get);

    @Test
    void remembersAVerifiedTokenUntilItExpires() {
        tokens.remember("header.payload.signature", "decoded", now.get().plus(Duration.ofMinutes(5)));

        assertThat(tokens.find("header.payload.signature")).isEqualTo("decoded");
        now.set(now.get().plus(Duration.ofMinutes(5).minusMillis(1)));
        assertThat(tokens.find("header.payload.signature")).isEqualTo("decoded");
        now.set(now.get().plus(Duration.ofMillis(1)));
        assertThat(tokens.find("header.payload.signature")).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void findsOnlyTheVeryTokenThatWasVerified() {
        tokens.remember("header.payload.signature", "decoded", now.get().plusSeconds(60));

        assertThat(tokens.find("header.payload.signaturf")).isNull();
        assertThat(tokens.find("header.payload.signature ")).isNull();
        assertThat(tokens.find("header.payload")).isNull();
    }

    @Test
    void forgetsNothingItCannotTellTheExpiryOf() {
        tokens.remember("no-expiry", "decoded", null);
        tokens.remember("expired", "decoded", now.get().minusSeconds(1));

        assertThat(tokens.find("no-expiry")).isNull();
        assertThat(tokens.find("expired")).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void holdsAtMostItsCapacityAndMakesRoomByDroppingExpiredTokens() {
        for (int i = 0; i < 3; i++) {
            tokens.remember("short-" + i, "decoded", now.get().plusSeconds(10));
        }
        tokens.remember("one-too-many", "decoded", now.get().plusSeconds(60));
        assertThat(tokens.size()).isEqualTo(3);
        assertThat(tokens.find("one-too-many")).isNull();

        now.set(now.get().plus(Duration.ofSeconds(10)));
        tokens.remember("after-they-expired", "decoded", now.get().plusSeconds(60));
        assertThat(tokens.find("after-they-expired")).isEqualTo("decoded");
        assertThat(tokens.size()).isEqualTo(1);
    }
}
