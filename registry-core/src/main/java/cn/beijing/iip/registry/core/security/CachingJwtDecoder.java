package cn.beijing.iip.registry.core.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import cn.beijing.iip.registry.identity.VerifiedTokens;

/**
 * Checks a token in full (signature, issuer, audience, lifetime) the first time it is seen and answers
 * its later uses from {@link VerifiedTokens} until it expires. Tokens that fail are never remembered.
 */
final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder checks;
    private final VerifiedTokens<Jwt> verified;

    CachingJwtDecoder(JwtDecoder checks, VerifiedTokens<Jwt> verified) {
        this.checks = checks;
        this.verified = verified;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.find(token);
        if (known != null) {
            return known;
        }
        Jwt jwt = checks.decode(token);
        verified.remember(token, jwt, jwt.getExpiresAt());
        return jwt;
    }
}
