package cn.beijing.iip.registry.core.caller;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import cn.beijing.iip.registry.identity.Roles;

/** Turns the authenticated token into a {@link Caller}. */
@Component
public class CallerResolver {

    public Caller current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Caller of(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return Caller.ANONYMOUS;
        }
        Jwt jwt = token.getToken();
        Set<String> roles = token.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(Roles.AUTHORITY_PREFIX))
                .map(authority -> authority.substring(Roles.AUTHORITY_PREFIX.length()))
                .collect(Collectors.toSet());
        return new Caller(jwt.getSubject(), stringClaim(jwt, "preferred_username"), roles,
                stringClaim(jwt, Roles.CREDIT_CODE_CLAIM), stringClaim(jwt, Roles.ENTERPRISE_NAME_CLAIM));
    }

    /** A claim's value when it is a string; anything else counts as absent. */
    private static String stringClaim(Jwt jwt, String name) {
        Object value = jwt.getClaims().get(name);
        return value instanceof String text ? text : null;
    }
}
