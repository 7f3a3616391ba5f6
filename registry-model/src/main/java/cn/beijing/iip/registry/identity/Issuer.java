package cn.beijing.iip.registry.identity;

import java.util.List;

/**
 * The identity provider the gateway and the services trust, from their settings: the issuer its tokens
 * name, where it publishes its signing keys (Keycloak's certs endpoint under the issuer unless set apart,
 * as in Kubernetes where the issuer is public and the keys are fetched inside the cluster) and the
 * audiences of which a token must name one.
 */
public record Issuer(String uri, String jwkSetUri, List<String> audiences) {

    /** Keycloak publishes a realm's keys here, under the realm's issuer URI. */
    public static final String KEYCLOAK_CERTS_PATH = "/protocol/openid-connect/certs";

    /**
     * From the resource-server settings: a blank {@code jwkSetUri} means Keycloak's, no audiences mean
     * {@link Roles#API_AUDIENCE}; a missing issuer stops the app with the setting to fix.
     */
    public static Issuer of(String uri, String jwkSetUri, List<String> audiences) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalStateException("set spring.security.oauth2.resourceserver.jwt.issuer-uri (IIP_ISSUER_URI)");
        }
        return new Issuer(uri, jwkSetUri != null && !jwkSetUri.isBlank() ? jwkSetUri : uri + KEYCLOAK_CERTS_PATH,
                audiences == null || audiences.isEmpty() ? List.of(Roles.API_AUDIENCE) : List.copyOf(audiences));
    }

    /** Whether a token's {@code aud} claim names one of the audiences. */
    public boolean accepts(List<String> tokenAudiences) {
        return tokenAudiences != null && tokenAudiences.stream().anyMatch(audiences::contains);
    }
}
