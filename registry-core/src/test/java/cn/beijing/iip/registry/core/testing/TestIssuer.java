package cn.beijing.iip.registry.core.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import cn.beijing.iip.registry.identity.Roles;

/**
 * A stand-in issuer for unit and service tests: WireMock serves its JWK set at Keycloak's path, and
 * it signs tokens shaped like Keycloak's (realm roles, the enterprise claims, the API audience).
 * The system tests use a real Keycloak instead.
 */
public final class TestIssuer implements AutoCloseable {

    private static final String CERTS = "/realms/iip/protocol/openid-connect/certs";

    private final WireMockServer server;
    private final RSAKey key;
    private final RSAKey stranger;
    private final RSAKey unpublished;
    private StubMapping keysGone;

    private TestIssuer(WireMockServer server, RSAKey key, RSAKey stranger, RSAKey unpublished) {
        this.server = server;
        this.key = key;
        this.stranger = stranger;
        this.unpublished = unpublished;
    }

    public static TestIssuer start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            RSAKey stranger = new RSAKeyGenerator(2048).keyID("test-key").generate();
            RSAKey unpublished = new RSAKeyGenerator(2048).keyID("rotated-key").generate();
            WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            server.stubFor(get(urlPathEqualTo(CERTS)).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(new JWKSet(key.toPublicJWK()).toString())));
            return new TestIssuer(server, key, stranger, unpublished);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuerUri() {
        return "http://127.0.0.1:" + server.port() + "/realms/iip";
    }

    public int jwksRequests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo(CERTS))).size();
    }

    /** From now until {@link #keysBack()} the JWK set cannot be fetched: every connection is dropped, as by an issuer that is down. */
    public void keysGone() {
        keysGone = server.stubFor(get(urlPathEqualTo(CERTS)).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /** The JWK set can be fetched again. */
    public void keysBack() {
        if (keysGone != null) {
            server.removeStub(keysGone);
            keysGone = null;
        }
    }

    public Token user(String username, String... roles) {
        return new Token(this, username).roles(roles);
    }

    public Token enterprise(String username, String creditCode, String enterpriseName) {
        return user(username, Roles.ENTERPRISE).claim(Roles.CREDIT_CODE_CLAIM, creditCode)
                .claim(Roles.ENTERPRISE_NAME_CLAIM, enterpriseName);
    }

    public String reviewer() {
        return user("reviewer", Roles.REVIEWER).sign();
    }

    public String admin() {
        return user("admin", Roles.ADMIN, Roles.REVIEWER).sign();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A token being built; {@link #sign()} gives the compact JWT. */
    public static final class Token {

        private final TestIssuer issuer;
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private String issuerUri;
        private List<String> audience = List.of(Roles.API_AUDIENCE);
        private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(10));
        private boolean foreignKey;
        private boolean unpublishedKey;

        private Token(TestIssuer issuer, String username) {
            this.issuer = issuer;
            this.issuerUri = issuer.issuerUri();
            claims.put("sub", UUID.nameUUIDFromBytes(username.getBytes()).toString());
            claims.put("preferred_username", username);
        }

        public Token roles(String... roles) {
            claims.put("realm_access", Map.of("roles", List.of(roles)));
            return this;
        }

        public Token claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        public Token issuer(String uri) {
            this.issuerUri = uri;
            return this;
        }

        public Token audience(String... audience) {
            this.audience = List.of(audience);
            return this;
        }

        public Token expiresAt(Instant instant) {
            this.expiresAt = instant;
            return this;
        }

        /** Signed with a key the issuer never published. */
        public Token signedByStranger() {
            this.foreignKey = true;
            return this;
        }

        /**
         * Signed with a key under an id the issuer does not publish (yet), as just after a key rotation:
         * a verifier has to fetch the JWK set again to look for it.
         */
        public Token signedWithUnpublishedKey() {
            this.unpublishedKey = true;
            return this;
        }

        public String sign() {
            JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                    .issuer(issuerUri)
                    .audience(new ArrayList<>(audience))
                    .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(10))))
                    .expirationTime(Date.from(expiresAt))
                    .jwtID(UUID.randomUUID().toString());
            claims.forEach(set::claim);
            RSAKey signingKey = unpublishedKey ? issuer.unpublished : foreignKey ? issuer.stranger : issuer.key;
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                        set.build());
                jwt.sign(new RSASSASigner(signingKey));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
