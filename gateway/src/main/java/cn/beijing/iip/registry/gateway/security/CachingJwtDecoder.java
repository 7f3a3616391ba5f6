package cn.beijing.iip.registry.gateway.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import cn.beijing.iip.registry.identity.VerifiedTokens;
import reactor.core.publisher.Mono;

/**
 * Checks a token in full (signature, issuer, audience, lifetime) the first time it is seen and answers
 * its later uses from {@link VerifiedTokens} until it expires. Tokens that fail are never remembered.
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder checks;
    private final VerifiedTokens<Jwt> verified;

    CachingJwtDecoder(ReactiveJwtDecoder checks, VerifiedTokens<Jwt> verified) {
        this.checks = checks;
        this.verified = verified;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.find(token);
        if (known != null) {
            return Mono.just(known);
        }
        return checks.decode(token).doOnNext(jwt -> verified.remember(token, jwt, jwt.getExpiresAt()));
    }
}
