package cn.beijing.iip.registry.system.attacks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import cn.beijing.iip.registry.core.testing.Codes;
import cn.beijing.iip.registry.identity.Roles;
import cn.beijing.iip.registry.system.attacks.ResponseChecks.Viewer;
import cn.beijing.iip.registry.system.support.RealmAdmin;
import cn.beijing.iip.registry.system.support.RegistrySystem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everyone who sends requests in the attacks: real Keycloak users (the victim, the attacker, a
 * bystander owning entries the flows may change, reviewers, an admin, an enterprise whose user also
 * reviews, a signed-up user not yet verified) and the tokens an attacker forges. Real tokens are
 * fetched again before they expire, so a long run never turns into a run of 401s.
 */
public final class Cast {

    /** Access tokens live at least five minutes; one older than this is fetched again. */
    private static final Duration REFRESH_AFTER = Duration.ofMinutes(3);

    public static final String ANONYMOUS = "anonymous";
    public static final String VICTIM = "victim";
    public static final String ATTACKER = "attacker";
    public static final String OWNER = "owner";
    public static final String REVIEWER = "reviewer";
    public static final String ADMIN = "admin";
    public static final String REVIEWER_ENTERPRISE = "reviewer-enterprise";
    public static final String UNVERIFIED = "unverified";
    public static final String EXPIRED = "expired";

    private final RegistrySystem system;
    private final String run;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, Fetched> tokens = new ConcurrentHashMap<>();
    private final ForgedTokens forger = new ForgedTokens();
    private final JsonNode jwks;
    private final String listener;
    private String expired;
    private Instant expiredUsableFrom = Instant.now();
    private String otherRealm;
    private String otherAudience;

    /** A user who sends requests: their user name, the enterprise they belong to (if any), and whether they review. */
    public record Member(String username, String creditCode, String enterpriseName, boolean reviewer) {
    }

    private record Fetched(String token, Instant at) {
    }

    public Cast(RegistrySystem system, String run, String listener, JsonNode jwks) {
        this.system = system;
        this.run = run;
        this.listener = listener;
        this.jwks = jwks;
        enterprise(VICTIM, "V1CT1M Enterprise " + run);
        enterprise(ATTACKER, "Attacker Enterprise " + run);
        enterprise(OWNER, "Bystander Enterprise " + run);
        RegistrySystem.Enterprise both = system.newEnterprise("Reviewing Enterprise " + run, Roles.REVIEWER);
        members.put(REVIEWER_ENTERPRISE, new Member(both.username(), both.creditCode(), both.name(), true));
        members.put(REVIEWER, new Member("reviewer", null, null, true));
        members.put(ADMIN, new Member("admin", null, null, true));
        String unverified = "unverified-" + run;
        String code = Codes.numbered(700_000 + Math.floorMod(run.hashCode(), 100_000));
        system.keycloak().admin().createUser(RealmAdmin.enterpriseUser(unverified, unverified, code, "Unverified " + run));
        members.put(UNVERIFIED, new Member(unverified, code, "Unverified " + run, false));
    }

    /** Another enterprise of the run, such as one more victim: one solution-provider profile per enterprise. */
    public Member enterprise(String role, String name) {
        RegistrySystem.Enterprise enterprise = system.newEnterprise(name);
        Member member = new Member(enterprise.username(), enterprise.creditCode(), enterprise.name(), false);
        members.put(role, member);
        tokens.put(role, new Fetched(enterprise.token(), Instant.now()));
        return member;
    }

    public Member member(String role) {
        Member member = members.get(role);
        if (member == null) {
            throw new IllegalArgumentException("no one called '" + role + "' in the cast");
        }
        return member;
    }

    /** The realm's published signing keys, which an attacker reads like anyone else. */
    public static JsonNode jwks(RegistrySystem system) {
        return system.keycloak().json().readTree(system.keycloak().send(HttpRequest.newBuilder(
                URI.create(system.keycloak().issuer() + "/protocol/openid-connect/certs")).GET()).body());
    }

    /** A real token of a member, fetched again when it is getting old. */
    public String token(String role) {
        Member member = member(role);
        Fetched fetched = tokens.compute(role, (name, old) -> old != null
                && Duration.between(old.at(), Instant.now()).compareTo(REFRESH_AFTER) < 0 ? old
                : new Fetched(system.keycloak().accessToken(member.username()), Instant.now()));
        return fetched.token();
    }

    /**
     * Tokens that outlive their short life: one from a client whose tokens last a second. Resource servers
     * allow a minute of clock skew, so it is refused from a little over a minute later.
     */
    public void prepareSlowTokens() {
        String client = "short-lived-" + run;
        system.keycloak().admin().post("/clients", Map.of("clientId", client, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "attributes", Map.of("access.token.lifespan", "1"),
                "protocolMappers", List.of(Map.of("name", "iip-api audience", "protocol", "openid-connect",
                        "protocolMapper", "oidc-audience-mapper",
                        "config", Map.of("included.custom.audience", "iip-api", "access.token.claim", "true")))));
        expired = system.keycloak().token(system.keycloak().tokenEndpoint(), Map.of("grant_type", "password",
                "client_id", client, "username", member(ATTACKER).username(), "password", member(ATTACKER).username()))
                .accessToken();
        expiredUsableFrom = Instant.ofEpochSecond(ForgedTokens.claims(expired).get("exp").asLong()).plusSeconds(65);
        String elsewhere = "elsewhere-" + run;
        system.keycloak().admin().post("/clients", Map.of("clientId", elsewhere, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false));
        otherAudience = system.keycloak().token(system.keycloak().tokenEndpoint(), Map.of("grant_type", "password",
                "client_id", elsewhere, "username", member(ATTACKER).username(), "password", member(ATTACKER).username()))
                .accessToken();
        otherRealm = system.keycloak().token(system.keycloak().url("/realms/master/protocol/openid-connect/token"),
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"))
                .accessToken();
    }

    /** When the expired token is past its lifetime and the skew the servers allow. */
    public Instant expiredUsableFrom() {
        return expiredUsableFrom;
    }

    /** Whether requests of {@code as} must wait until its token has expired, and so are sent last. */
    public static boolean sendsLast(String as) {
        return EXPIRED.equals(as);
    }

    /** The Authorization header {@code as} sends, or null for none. */
    public String authorization(String as) {
        return switch (as) {
            case ANONYMOUS -> null;
            case "basic" -> "Basic YWRtaW46YWRtaW4=";
            case "empty-bearer" -> "Bearer ";
            case "garbage" -> "Bearer garbage";
            case "three-garbage-parts" -> "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
            case "lowercase-bearer" -> "bearer " + token(ATTACKER);
            case "two-tokens" -> "Bearer " + token(ATTACKER) + ", Bearer " + token(ADMIN);
            case "token-twice" -> "Bearer " + token(ATTACKER) + " " + token(ATTACKER);
            case "huge-token" -> "Bearer " + "A".repeat(12_000);
            default -> "Bearer " + bearer(as);
        };
    }

    /** The token {@code as} presents: a member's real one or one forged from a real one. */
    public String bearer(String as) {
        if (members.containsKey(as)) {
            return token(as);
        }
        Member victim = member(VICTIM);
        Consumer<ObjectNode> asVictim = claims -> claims
                .put("creditCode", victim.creditCode()).put("enterpriseName", victim.enterpriseName());
        Consumer<ObjectNode> asAdmin = claims -> {
            ArrayNode roles = claims.putObject("realm_access").putArray("roles");
            roles.add(Roles.ADMIN).add(Roles.REVIEWER).add(Roles.ENTERPRISE);
        };
        String attacker = token(ATTACKER);
        return switch (as) {
            case EXPIRED -> expired;
            case "other-realm" -> otherRealm;
            case "other-audience" -> otherAudience;
            case "alg-none" -> ForgedTokens.algNone(token(ADMIN), "none", true);
            case "alg-none-bare" -> ForgedTokens.algNone(token(ADMIN), "none", false);
            case "alg-none-capitals" -> ForgedTokens.algNone(token(ADMIN), "NoNe", true);
            case "forged-credit-code" -> ForgedTokens.withClaims(attacker, asVictim);
            case "forged-roles" -> ForgedTokens.withClaims(attacker, asAdmin);
            case "forged-lifetime" -> ForgedTokens.withClaims(attacker, claims -> claims.put("exp", 4_102_444_800L));
            case "forged-issuer" -> ForgedTokens.withClaims(attacker, claims -> claims.put("iss", listener + "/realms/iip"));
            case "forged-audience" -> ForgedTokens.withClaims(otherAudience, claims -> claims.put("aud", "iip-api"));
            case "hs256-public-key-pem" -> ForgedTokens.hmac(attacker, ForgedTokens.pem(ForgedTokens.rsaKey(jwks))
                    .getBytes(StandardCharsets.US_ASCII), asVictim);
            case "hs256-public-key-der" -> ForgedTokens.hmac(attacker, ForgedTokens.rsaKey(jwks).getEncoded(), asAdmin);
            case "kid-traversal" -> ForgedTokens.hmac(withHeader(attacker, "kid", "../../../../../../dev/null"),
                    new byte[] {0}, asAdmin);
            case "kid-injection" -> ForgedTokens.hmac(withHeader(attacker, "kid", "x' UNION SELECT 'k' --"),
                    "k".getBytes(StandardCharsets.US_ASCII), asAdmin);
            case "self-signed" -> forger.selfSigned(attacker, header -> { }, asVictim);
            case "self-signed-no-kid" -> forger.selfSigned(attacker, header -> header.remove("kid"), asAdmin);
            case "self-signed-unknown-kid" -> forger.selfSigned(attacker, header -> header.put("kid", "attacker-" + run), asAdmin);
            case "jku" -> forger.selfSigned(attacker, header -> header.put("jku", listener + "/jwks-by-jku"), asAdmin);
            case "x5u" -> forger.selfSigned(attacker, header -> header.put("x5u", listener + "/cert-by-x5u"), asAdmin);
            case "embedded-jwk" -> forger.selfSigned(attacker, header -> header.set("jwk", forger.ownJwk()), asAdmin);
            case "truncated" -> attacker.substring(0, attacker.lastIndexOf('.'));
            case "signature-of-another" -> attacker.substring(0, attacker.lastIndexOf('.'))
                    + token(ADMIN).substring(token(ADMIN).lastIndexOf('.'));
            default -> throw new IllegalArgumentException("no sender '" + as + "'");
        };
    }

    private static String withHeader(String token, String name, String value) {
        ObjectNode header = ForgedTokens.header(token).put(name, value);
        String[] parts = token.split("\\.");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];
    }

    /** What {@code as} may see: their enterprise's entries, or every entry for reviewers; forged tokens see nothing. */
    public Viewer viewer(String as) {
        Member member = members.get(as);
        if (member == null) {
            return Viewer.NOBODY;
        }
        return new Viewer(member.creditCode(), member.reviewer());
    }
}
