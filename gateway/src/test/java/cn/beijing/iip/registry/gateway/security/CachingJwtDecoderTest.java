package cn.beijing.iip.registry.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import cn.beijing.iip.registry.identity.VerifiedTokens;
import reactor.core.publisher.Mono;

class CachingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    private final AtomicInteger checks = new AtomicInteger();

    /** Accepts "good-…" tokens, expiring a minute from NOW; refuses everything else. */
    private final ReactiveJwtDecoder fullCheck = token -> {
        checks.incrementAndGet();
        if (!token.startsWith("good-")) {
            return Mono.error(new BadJwtException("signature"));
        }
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject(token)
                .issuedAt(NOW).expiresAt(NOW.plusSeconds(60)).build());
    };

    @Test
    void checksAValidTokenOnceAndAnswersItsLaterUsesFromMemory() {
        CachingJwtDecoder decoder = decoder(NOW);

        Jwt first = decoder.decode("good-1").block();
        Jwt second = decoder.decode("good-1").block();

        assertThat(second).isSameAs(first);
        assertThat(checks).hasValue(1);
        assertThat(decoder.decode("good-2").block().getSubject()).isEqualTo("good-2");
        assertThat(checks).hasValue(2);
    }

    @Test
    void checksARefusedTokenInFullEveryTime() {
        CachingJwtDecoder decoder = decoder(NOW);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
        }
        assertThat(checks).hasValue(3);
    }

    @Test
    void checksATokenAgainOnceItHasExpired() {
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        CachingJwtDecoder decoder = new CachingJwtDecoder(fullCheck, new VerifiedTokens<>(16, now::get));

        decoder.decode("good-1").block();
        now.set(NOW.plusSeconds(59));
        decoder.decode("good-1").block();
        assertThat(checks).hasValue(1);

        now.set(NOW.plusSeconds(60));
        decoder.decode("good-1").block();
        assertThat(checks).as("the expired token went to the full check again").hasValue(2);
    }

    private CachingJwtDecoder decoder(Instant now) {
        return new CachingJwtDecoder(fullCheck, new VerifiedTokens<>(16, () -> now));
    }
}
