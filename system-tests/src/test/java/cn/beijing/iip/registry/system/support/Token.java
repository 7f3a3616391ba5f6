package cn.beijing.iip.registry.system.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An access token as Keycloak issued it, with its claims read (not verified: the services verify
 * signatures; tests read what Keycloak put in).
 */
public record Token(String accessToken, long expiresIn, JsonNode claims) {

    static Token of(String accessToken, long expiresIn, JsonMapper json) {
        String[] parts = accessToken.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a signed JWT: " + accessToken);
        }
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        return new Token(accessToken, expiresIn, json.readTree(new String(payload, StandardCharsets.UTF_8)));
    }

    public String issuer() {
        return claims.path("iss").asString();
    }

    /** {@code aud} is a string for one audience and an array for several. */
    public List<String> audience() {
        return strings(claims.path("aud"));
    }

    public List<String> realmRoles() {
        return strings(claims.path("realm_access").path("roles"));
    }

    public Optional<String> claim(String name) {
        JsonNode value = claims.path(name);
        return value.isString() ? Optional.of(value.asString()) : Optional.empty();
    }

    /** Seconds between issue and expiry, as the token itself says. */
    public long lifetimeSeconds() {
        return claims.path("exp").asLong() - claims.path("iat").asLong();
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asString()));
        }
        else if (node.isString()) {
            values.add(node.asString());
        }
        return values;
    }
}
