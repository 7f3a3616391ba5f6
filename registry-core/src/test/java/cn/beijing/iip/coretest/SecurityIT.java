package cn.beijing.iip.coretest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import cn.beijing.iip.registry.core.testing.Codes;
import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.identity.Roles;
import cn.beijing.iip.registry.problem.ProblemType;
import tools.jackson.databind.JsonNode;

/** Who may do what, checked with signed tokens against the issuer's published keys. */
class SecurityIT extends ApiTest {

    /** Every write of the entry API, on an entry that exists. */
    private Stream<Http.Call> writes(String id) {
        String path = "/api/platforms/" + id;
        return Stream.of(
                http.post("/api/platforms").json(complete("Steel Cloud")),
                http.put(path).header("If-Match", "\"1\"").json(complete("Steel Cloud")),
                http.delete(path),
                http.post(path + "/submit"),
                http.post(path + "/withdraw"),
                http.post(path + "/review").json(Map.of("decision", "APPROVE")),
                http.post(path + "/revoke").json(Map.of("reason", "r")),
                http.post(path + "/reopen"));
    }

    @Test
    void asksForATokenOnEveryWrite() {
        String id = create(alice, complete("Steel Cloud"));

        writes(id).forEach(call -> {
            Http.Response response = call.send();
            JsonNode problem = problem(response, ProblemType.UNAUTHORIZED);
            assertThat(problem.get("detail").asString()).contains("bearer token");
            assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        });
        assertThat(read(alice, id).get("version").asLong()).isEqualTo(1);
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("expired", "expired"),
                Arguments.of("another issuer", "issuer"),
                Arguments.of("another audience", "audience"),
                Arguments.of("an unknown key", "not valid"),
                Arguments.of("alg none", "not valid"),
                Arguments.of("HMAC with the public key", "not valid"),
                Arguments.of("garbage", "not valid"),
                Arguments.of("a truncated token", "not valid"));
    }

    private static String badToken(String kind) {
        return switch (kind) {
            case "expired" -> ISSUER.enterprise("alice", A, "Alpha").expiresAt(Instant.now().minus(Duration.ofMinutes(10))).sign();
            case "another issuer" -> ISSUER.enterprise("alice", A, "Alpha").issuer("http://127.0.0.1:1/realms/other").sign();
            case "another audience" -> ISSUER.enterprise("alice", A, "Alpha").audience("account").sign();
            case "an unknown key" -> ISSUER.enterprise("alice", A, "Alpha").signedByStranger().sign();
            case "alg none" -> unsigned(ISSUER.enterprise("alice", A, "Alpha").sign());
            case "HMAC with the public key" -> hmacWithPublicKey(ISSUER.enterprise("alice", A, "Alpha").sign());
            case "garbage" -> "not-a-token";
            case "a truncated token" -> {
                String token = ISSUER.enterprise("alice", A, "Alpha").sign();
                yield token.substring(0, token.lastIndexOf('.') + 10);
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** The same claims with {@code alg: none} and no signature. */
    private static String unsigned(String token) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + token.split("\\.")[1] + ".";
    }

    /**
     * The same claims signed with HS256, using the issuer's published public key as the secret: the
     * classic confusion of a verifier that takes the algorithm from the token.
     */
    private static String hmacWithPublicKey(String token) {
        try {
            String jwks = new Http(ISSUER.issuerUri()).get("/protocol/openid-connect/certs").send().text();
            byte[] secret = JWKSet.parse(jwks).getKeys().getFirst().toRSAKey().toPublicKey().getEncoded();
            SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), SignedJWT.parse(token).getJWTClaimsSet());
            forged.sign(new MACSigner(secret));
            return forged.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void refusesATokenThatIsNotGoodForThisApi(String kind, String reason) {
        String token = badToken(kind);

        Http.Response response = http.post("/api/platforms").token(token).json(complete("Steel Cloud")).send();

        JsonNode problem = problem(response, ProblemType.UNAUTHORIZED);
        assertThat(problem.get("detail").asString()).contains(reason);
        assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(entries.countDocuments()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void refusesABadTokenOnReadsInsteadOfTreatingTheCallerAsAnonymous(String kind, String reason) {
        String id = approved("Steel Cloud");

        problem(http.get("/api/platforms/" + id).token(badToken(kind)).send(), ProblemType.UNAUTHORIZED);
        problem(http.get("/api/platforms").token(badToken(kind)).send(), ProblemType.UNAUTHORIZED);
    }

    @Test
    void tellsASignedUpUserThatTheirEnterpriseAwaitsVerification() {
        String signedUp = ISSUER.user("carol").claim(Roles.CREDIT_CODE_CLAIM, Codes.ENTERPRISE_C)
                .claim(Roles.ENTERPRISE_NAME_CLAIM, "Gamma Robotics").sign();
        String id = create(alice, complete("Steel Cloud"));

        JsonNode problem = problem(http.post("/api/platforms").token(signedUp).json(complete("Gamma Cloud")).send(),
                ProblemType.VERIFICATION_PENDING);

        assertThat(problem.get("detail").asString()).contains(Codes.ENTERPRISE_C).contains("verif");
        problem(http.put("/api/platforms/" + id).token(signedUp).header("If-Match", "\"1\"").json(complete("x")).send(),
                ProblemType.VERIFICATION_PENDING);
        problem(act(signedUp, id, "submit", null), ProblemType.VERIFICATION_PENDING);
        assertThat(entries.countDocuments()).isEqualTo(1);
    }

    @Test
    void refusesWritesByAUserWithNoRoleAndNoEnterprise() {
        String nobody = ISSUER.user("dave").sign();

        JsonNode problem = problem(http.post("/api/platforms").token(nobody).json(complete("Steel Cloud")).send(),
                ProblemType.FORBIDDEN);

        assertThat(problem.get("detail").asString()).contains(Roles.ENTERPRISE);
    }

    @Test
    void refusesAnEnterpriseTokenWhoseEnterpriseClaimsAreMissingOrWrong() {
        String wrongCheck = A.substring(0, 17) + (A.charAt(17) == '0' ? '1' : '0');
        List<String> tokens = List.of(
                ISSUER.user("erin", Roles.ENTERPRISE).claim(Roles.ENTERPRISE_NAME_CLAIM, "Alpha").sign(),
                ISSUER.enterprise("erin", wrongCheck, "Alpha").sign(),
                ISSUER.enterprise("erin", "not-a-code", "Alpha").sign(),
                ISSUER.enterprise("erin", A.toLowerCase(), "Alpha").sign(),
                ISSUER.user("erin", Roles.ENTERPRISE).claim(Roles.CREDIT_CODE_CLAIM, 91110108L).claim(Roles.ENTERPRISE_NAME_CLAIM, "Alpha").sign(),
                ISSUER.user("erin", Roles.ENTERPRISE).claim(Roles.CREDIT_CODE_CLAIM, A).sign());

        for (String token : tokens) {
            JsonNode problem = problem(http.post("/api/platforms").token(token).json(complete("Steel Cloud")).send(),
                    ProblemType.INVALID_TOKEN_CLAIM);
            assertThat(problem.get("detail").asString()).containsAnyOf(Roles.CREDIT_CODE_CLAIM, Roles.ENTERPRISE_NAME_CLAIM);
        }
        assertThat(entries.countDocuments()).isZero();
    }

    @Test
    void letsOnlyReviewersReviewAndOnlyAdminsRevokeOrReopen() {
        String id = create(alice, complete("Steel Cloud"));
        expect(act(alice, id, "submit", null), 200);

        assertThat(problem(act(bob, id, "review", Map.of("decision", "APPROVE")), ProblemType.FORBIDDEN)
                .get("detail").asString()).contains(Roles.REVIEWER);
        assertThat(problem(act(alice, id, "review", Map.of("decision", "APPROVE")), ProblemType.FORBIDDEN)
                .get("detail").asString()).contains(Roles.REVIEWER);
        expect(review(id, "APPROVE", null), 200);
        assertThat(problem(act(reviewer, id, "revoke", Map.of("reason", "r")), ProblemType.FORBIDDEN)
                .get("detail").asString()).contains(Roles.ADMIN);
        assertThat(problem(act(alice, id, "revoke", Map.of("reason", "r")), ProblemType.FORBIDDEN)
                .get("detail").asString()).contains(Roles.ADMIN);
        expect(act(admin, id, "revoke", Map.of("reason", "licence withdrawn")), 200);
        problem(act(reviewer, id, "reopen", null), ProblemType.FORBIDDEN);
        assertThat(read(alice, id).get("status").asString()).isEqualTo("REVOKED");
    }

    @Test
    void neverLetsAReviewerDecideOnAnEntryOfTheirOwnEnterprise() {
        String id = create(alice, complete("Steel Cloud"));
        expect(act(alice, id, "submit", null), 200);
        String colleague = ISSUER.user("alice-reviews", Roles.REVIEWER).claim(Roles.CREDIT_CODE_CLAIM, A).sign();
        String colleagueWithBothRoles = ISSUER.enterprise("alice-both", A, "Alpha Industrial Co.")
                .roles(Roles.ENTERPRISE, Roles.REVIEWER).sign();
        String adminOfAlpha = ISSUER.user("alice-admin", Roles.ADMIN).claim(Roles.CREDIT_CODE_CLAIM, A).sign();

        for (String token : List.of(colleague, colleagueWithBothRoles, adminOfAlpha)) {
            JsonNode problem = problem(act(token, id, "review", Map.of("decision", "APPROVE")), ProblemType.OWN_ENTERPRISE);
            assertThat(problem.get("detail").asString()).contains("own enterprise");
        }
        assertThat(read(alice, id).get("status").asString()).isEqualTo("SUBMITTED");

        String bobs = create(bob, complete("Beta Cloud"));
        expect(act(bob, bobs, "submit", null), 200);
        expect(act(colleague, bobs, "review", Map.of("decision", "APPROVE")), 200);
    }

    @Test
    void countsAnAdminAsAReviewer() {
        String adminOnly = ISSUER.user("root", Roles.ADMIN).sign();
        String id = create(alice, complete("Steel Cloud"));
        expect(act(alice, id, "submit", null), 200);

        expect(http.get("/api/platforms/" + id).token(adminOnly).send(), 200);
        assertThat(expect(http.get("/api/platforms?status=SUBMITTED").token(adminOnly).send(), 200).json().get("total").asLong())
                .isEqualTo(1);
        assertThat(expect(act(adminOnly, id, "review", Map.of("decision", "APPROVE")), 200).json().get("status").asString())
                .isEqualTo("APPROVED");
        expect(http.get("/api/platforms/" + id + "/history").token(adminOnly).send(), 200);
    }

    @Test
    void hidesAnotherEnterprisesDraftsFromReadsAndLists() {
        String draft = create(alice, complete("Alpha Draft"));
        String submitted = create(alice, complete("Alpha Submitted"));
        expect(act(alice, submitted, "submit", null), 200);

        for (String id : List.of(draft, submitted)) {
            problem(http.get("/api/platforms/" + id).token(bob).send(), ProblemType.NOT_FOUND);
            problem(http.get("/api/platforms/" + id + "/history").token(bob).send(), ProblemType.NOT_FOUND);
            problem(http.get("/api/platforms/" + id).send(), ProblemType.NOT_FOUND);
            problem(act(bob, id, "withdraw", null), ProblemType.NOT_FOUND);
        }
        assertThat(expect(http.get("/api/platforms").token(bob).send(), 200).json().get("total").asLong()).isZero();
        assertThat(expect(http.get("/api/platforms?status=DRAFT").token(bob).send(), 200).json().get("items")).isEmpty();
        assertThat(expect(http.get("/api/platforms?q=alpha").send(), 200).json().get("total").asLong()).isZero();
    }

    @Test
    void letsReviewersNeitherCreateNorEditEntries() {
        String id = create(alice, complete("Steel Cloud"));

        problem(http.post("/api/platforms").token(reviewer).json(complete("Reviewer Cloud")).send(), ProblemType.FORBIDDEN);
        problem(http.put("/api/platforms/" + id).token(admin).header("If-Match", "\"1\"").json(complete("x")).send(),
                ProblemType.FORBIDDEN);
        problem(http.delete("/api/platforms/" + id).token(admin).send(), ProblemType.FORBIDDEN);
        assertThat(read(alice, id).get("version").asLong()).isEqualTo(1);
    }

    @Test
    void readsApprovedEntriesWithoutAToken() {
        String id = approved("Steel Cloud");

        assertThat(expect(http.get("/api/platforms/" + id).send(), 200).json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(expect(http.get("/api/platforms").send(), 200).json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void answers503WhenATokensKeyCannotBeFetchedAndKeepsTheKeysItHas() {
        String id = create(alice, complete("Steel Cloud"));
        String rotated = ISSUER.enterprise("carol", Codes.ENTERPRISE_C, "Gamma Works").signedWithUnpublishedKey().sign();

        ISSUER.keysGone();
        try {
            Http.Response write = http.post("/api/platforms").token(rotated).json(complete("Iron Cloud")).send();
            JsonNode problem = problem(write, ProblemType.IDENTITY_UNAVAILABLE);
            assertThat(problem.get("detail").asString()).contains("identity provider");
            assertThat(write.header("Retry-After")).isPresent();
            problem(http.get("/api/platforms/" + id).token(rotated).send(), ProblemType.IDENTITY_UNAVAILABLE);
            // the failed look-up for the new key must not cost the keys already known
            assertThat(expect(http.get("/api/platforms/" + id).token(alice).send(), 200).json().get("id").asString())
                    .isEqualTo(id);
        } finally {
            ISSUER.keysBack();
        }

        problem(http.post("/api/platforms").token(rotated).json(complete("Iron Cloud")).send(), ProblemType.UNAUTHORIZED);
    }
}
