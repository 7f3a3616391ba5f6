package cn.beijing.iip.registry.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import cn.beijing.iip.registry.identity.VerifiedTokens;

class CachingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);

    /** Accepts "good-…" tokens, expiring a minute from NOW; refuses everything else. */
    private final JwtDecoder fullCheck = token -> {
        checks.incrementAndGet();
        if (!token.startsWith("good-")) {
            throw new BadJwtException("signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject(token).issuedAt(NOW)
                .expiresAt(NOW.plusSeconds(60)).build();
    };

    private final CachingJwtDecoder decoder = new CachingJwtDecoder(fullCheck, new VerifiedTokens<>(16, now::get));

    @Test
    void checksAValidTokenOnceAndAnswersItsLaterUsesFromMemory() {
        Jwt first = decoder.decode("good-1");

        assertThat(decoder.decode("good-1")).isSameAs(first);
        assertThat(checks).hasValue(1);
        assertThat(decoder.decode("good-2").getSubject()).isEqualTo("good-2");
        assertThat(checks).hasValue(2);
    }

    @Test
    void checksARefusedTokenInFullEveryTime() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        }
        assertThat(checks).hasValue(3);
    }

    @Test
    void checksATokenAgainOnceItHasExpired() {
        decoder.decode("good-1");
        now.set(NOW.plusSeconds(59));
        decoder.decode("good-1");
        assertThat(checks).hasValue(1);

        now.set(NOW.plusSeconds(60));
        decoder.decode("good-1");
        assertThat(checks).as("the expired token went to the full check again").hasValue(2);
    }
}
