package cn.beijing.iip.registry.core.caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import cn.beijing.iip.registry.core.entry.Entry;
import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.entry.Owner;
import cn.beijing.iip.registry.core.problem.ProblemException;
import cn.beijing.iip.registry.core.testing.Codes;
import cn.beijing.iip.registry.identity.Roles;
import cn.beijing.iip.registry.problem.ProblemType;

class CallerTest {

    private static final String A = Codes.ENTERPRISE_A;

    private static Caller caller(Set<String> roles, String creditCode, String enterpriseName) {
        return new Caller("subject-1", "alice", roles, creditCode, enterpriseName);
    }

    private static ProblemException refusal(Caller caller) {
        return catchThrowableOfType(ProblemException.class, caller::requireEnterprise);
    }

    @Test
    void namesTheEnterpriseOfAVerifiedEnterpriseUser() {
        Caller alice = caller(Set.of(Roles.ENTERPRISE), A, "Alpha Industrial Co.");

        assertThat(alice.requireEnterprise()).isEqualTo(new Owner(A, "Alpha Industrial Co."));
        assertThat(alice.isEnterprise()).isTrue();
        assertThat(alice.isReviewer()).isFalse();
    }

    @Test
    void asksAnAnonymousCallerForAToken() {
        ProblemException problem = refusal(Caller.ANONYMOUS);

        assertThat(problem.type()).isEqualTo(ProblemType.UNAUTHORIZED);
        assertThat(problem.detail()).contains("bearer token");
    }

    @Test
    void tellsASignedUpUserThatVerificationIsPending() {
        ProblemException problem = refusal(caller(Set.of(), A, "Alpha Industrial Co."));

        assertThat(problem.type()).isEqualTo(ProblemType.VERIFICATION_PENDING);
        assertThat(problem.detail()).contains(A).contains("not verified yet").contains(Roles.ENTERPRISE);
    }

    @Test
    void tellsAUserWithoutEnterpriseWhichRoleIsNeeded() {
        ProblemException problem = refusal(caller(Set.of(Roles.REVIEWER), null, null));

        assertThat(problem.type()).isEqualTo(ProblemType.FORBIDDEN);
        assertThat(problem.detail()).contains("needs role " + Roles.ENTERPRISE);
    }

    @Test
    void doesNotCallAnInvalidCreditCodeAPendingVerification() {
        ProblemException problem = refusal(caller(Set.of(), wrongCheckCharacter(A), "Alpha"));

        assertThat(problem.type()).isEqualTo(ProblemType.FORBIDDEN);
    }

    @Test
    void refusesAnEnterpriseTokenWithoutCreditCode() {
        ProblemException problem = refusal(caller(Set.of(Roles.ENTERPRISE), null, "Alpha"));

        assertThat(problem.type()).isEqualTo(ProblemType.INVALID_TOKEN_CLAIM);
        assertThat(problem.detail()).contains("no " + Roles.CREDIT_CODE_CLAIM + " claim");
    }

    @Test
    void refusesAnEnterpriseTokenWhoseCreditCodeFailsTheCheckCharacter() {
        ProblemException problem = refusal(caller(Set.of(Roles.ENTERPRISE), wrongCheckCharacter(A), "Alpha"));

        assertThat(problem.type()).isEqualTo(ProblemType.INVALID_TOKEN_CLAIM);
        assertThat(problem.detail()).contains("check character");
    }

    @Test
    void refusesAnEnterpriseTokenWithoutAUsableEnterpriseName() {
        assertThat(refusal(caller(Set.of(Roles.ENTERPRISE), A, null)).type()).isEqualTo(ProblemType.INVALID_TOKEN_CLAIM);
        assertThat(refusal(caller(Set.of(Roles.ENTERPRISE), A, "  ")).type()).isEqualTo(ProblemType.INVALID_TOKEN_CLAIM);
        assertThat(refusal(caller(Set.of(Roles.ENTERPRISE), A, "x".repeat(201))).detail())
                .contains(Roles.ENTERPRISE_NAME_CLAIM);
        assertThat(caller(Set.of(Roles.ENTERPRISE), A, "x".repeat(200)).requireEnterprise().name()).hasSize(200);
    }

    @Test
    void countsAnAdminAsReviewer() {
        Caller admin = caller(Set.of(Roles.ADMIN), null, null);

        assertThat(admin.isReviewer()).isTrue();
        assertThat(admin.isAdmin()).isTrue();
        assertThat(caller(Set.of(Roles.REVIEWER), null, null).isAdmin()).isFalse();
    }

    @Test
    void linksAReviewerToTheEntriesOfTheirOwnEnterpriseEvenWithoutRoleEnterprise() {
        Entry entry = entryOf(A);

        assertThat(caller(Set.of(Roles.REVIEWER), A, "Alpha").isAffiliatedWith(entry)).isTrue();
        assertThat(caller(Set.of(Roles.REVIEWER), A, "Alpha").owns(entry)).isFalse();
        assertThat(caller(Set.of(Roles.REVIEWER), Codes.ENTERPRISE_B, "Beta").isAffiliatedWith(entry)).isFalse();
        assertThat(caller(Set.of(Roles.REVIEWER), null, null).isAffiliatedWith(entry)).isFalse();
        assertThat(caller(Set.of(Roles.ENTERPRISE), A, "Alpha").owns(entry)).isTrue();
    }

    @Test
    void readsRolesAndEnterpriseClaimsFromTheToken() {
        Jwt jwt = jwt(Map.of("sub", "s-1", "preferred_username", "alice", Roles.CREDIT_CODE_CLAIM, A,
                Roles.ENTERPRISE_NAME_CLAIM, "Alpha"));
        JwtAuthenticationToken token = new JwtAuthenticationToken(jwt,
                List.of(new SimpleGrantedAuthority("ROLE_ENTERPRISE"), new SimpleGrantedAuthority("SCOPE_profile")));

        Caller caller = CallerResolver.of(token);

        assertThat(caller.roles()).containsExactly(Roles.ENTERPRISE);
        assertThat(caller.creditCode()).isEqualTo(A);
        assertThat(caller.actorName()).isEqualTo("alice");
        assertThat(caller.requireEnterprise().name()).isEqualTo("Alpha");
    }

    @Test
    void ignoresEnterpriseClaimsThatAreNotStrings() {
        Jwt jwt = jwt(Map.of("sub", "s-1", Roles.CREDIT_CODE_CLAIM, List.of(A), Roles.ENTERPRISE_NAME_CLAIM, 42));

        Caller caller = CallerResolver.of(new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority("ROLE_ENTERPRISE"))));

        assertThat(caller.creditCode()).isNull();
        assertThat(refusal(caller).type()).isEqualTo(ProblemType.INVALID_TOKEN_CLAIM);
        assertThat(caller.actorName()).as("the subject when there is no user name").isEqualTo("s-1");
    }

    @Test
    void treatsAnythingButATokenAsAnonymous() {
        assertThat(CallerResolver.of(null)).isEqualTo(Caller.ANONYMOUS);
        assertThat(CallerResolver.of(new AnonymousAuthenticationToken("key", "anonymous",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))).isAuthenticated()).isFalse();
    }

    private static String wrongCheckCharacter(String code) {
        return code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }

    private static Entry entryOf(String creditCode) {
        Instant now = Instant.now();
        return new Entry("e-1", "platforms", EntryStatus.SUBMITTED, 2, new Owner(creditCode, "Owner"), false, now, now,
                now, Map.of("name", "n"), List.of(), null);
    }
}
