package cn.beijing.iip.registry.system.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.beijing.iip.registry.identity.CreditCode;
import cn.beijing.iip.registry.identity.Roles;
import cn.beijing.iip.registry.system.support.BrowserSession;
import cn.beijing.iip.registry.system.support.BrowserSession.Page;
import cn.beijing.iip.registry.system.support.KeycloakServer;
import cn.beijing.iip.registry.system.support.RealmAdmin;
import cn.beijing.iip.registry.system.support.Token;
import tools.jackson.databind.JsonNode;

/** The dev realm of deploy/keycloak/, imported into Keycloak's own server, as the CONTRACT's Identity section describes it. */
@ExtendWith(KeycloakServer.Extension.class)
class KeycloakRealmIT {

    /** Where the gateway will receive browser logins; nothing needs to listen there for these tests. */
    private static final String GATEWAY_REDIRECT = "http://localhost:8080/login/oauth2/code/keycloak";
    private static final String SIGN_UP_PASSWORD = "signed-up-password-1";

    private final KeycloakServer keycloak;

    KeycloakRealmIT(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    @ParameterizedTest
    @CsvSource({ "enterprise-a, ENTERPRISE", "enterprise-b, ENTERPRISE", "reviewer, REVIEWER", "admin, ADMIN" })
    void grantsEachDevUserATokenThroughTheCliClient(String user, String role) {
        Token token = keycloak.password(user, user);

        assertThat(token.realmRoles()).contains(role);
        assertThat(token.audience()).contains(Roles.API_AUDIENCE);
        assertThat(token.issuer()).isEqualTo("http://localhost:" + keycloak.port() + "/realms/iip");
    }

    @Test
    void namesLocalhostAsIssuerWhenCalledAt127001() {
        String at127 = "http://127.0.0.1:" + keycloak.port() + "/realms/iip";
        String expected = "http://localhost:" + keycloak.port() + "/realms/iip";

        Token token = keycloak.token(URI.create(at127 + "/protocol/openid-connect/token"),
                Map.of("grant_type", "password", "client_id", "iip-cli", "username", "reviewer", "password", "reviewer"));
        JsonNode discovery = keycloak.json().readTree(keycloak.send(
                HttpRequest.newBuilder(URI.create(at127 + "/.well-known/openid-configuration")).GET()).body());

        assertThat(token.issuer()).isEqualTo(expected);
        assertThat(discovery.path("issuer").asString()).isEqualTo(expected);
        assertThat(discovery.path("jwks_uri").asString()).isEqualTo(expected + "/protocol/openid-connect/certs");
    }

    @Test
    void givesAdminsTheReviewerRoleToo() {
        assertThat(keycloak.password("admin", "admin").realmRoles()).contains(Roles.ADMIN, Roles.REVIEWER);
        assertThat(keycloak.password("reviewer", "reviewer").realmRoles()).doesNotContain(Roles.ADMIN, Roles.ENTERPRISE);
        assertThat(keycloak.password("enterprise-a", "enterprise-a").realmRoles())
                .doesNotContain(Roles.REVIEWER, Roles.ADMIN);
    }

    @Test
    void putsEachEnterpriseIntoItsUsersTokens() {
        Token a = keycloak.password("enterprise-a", "enterprise-a");
        Token b = keycloak.password("enterprise-b", "enterprise-b");

        assertThat(a.claim(Roles.CREDIT_CODE_CLAIM)).hasValue("91110108MA01AAA01E");
        assertThat(a.claim(Roles.ENTERPRISE_NAME_CLAIM)).hasValue("Yanjing Smart Manufacturing Co., Ltd.");
        assertThat(b.claim(Roles.CREDIT_CODE_CLAIM)).hasValue("91110105MA02BBB02D");
        assertThat(b.claim(Roles.ENTERPRISE_NAME_CLAIM)).hasValue("Changping Industrial Cloud Co., Ltd.");
        assertThat(List.of(a.claim(Roles.CREDIT_CODE_CLAIM).orElseThrow(), b.claim(Roles.CREDIT_CODE_CLAIM).orElseThrow()))
                .allMatch(CreditCode::isValid);
        assertThat(keycloak.password("reviewer", "reviewer").claim(Roles.CREDIT_CODE_CLAIM)).isEmpty();
    }

    @Test
    void keepsAccessTokensForAtLeastFiveMinutes() {
        Token token = keycloak.password("enterprise-b", "enterprise-b");

        assertThat(token.lifetimeSeconds()).isGreaterThanOrEqualTo(300);
        assertThat(token.expiresIn()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void addressesTokensFromTheGatewaysBrowserLoginToTheApi() {
        BrowserSession browser = keycloak.browser();
        Page login = browser.get(authorizationPage(""));
        Page redirect = browser.submit(login, "kc-form-login", Map.of("username", "enterprise-a", "password", "enterprise-a"));

        assertThat(redirect.location()).hasValueSatisfying(location -> assertThat(location.toString()).startsWith(GATEWAY_REDIRECT));
        Token token = keycloak.token(keycloak.tokenEndpoint(), Map.of("grant_type", "authorization_code",
                "code", redirect.redirectParameter("code").orElseThrow(), "redirect_uri", GATEWAY_REDIRECT,
                "client_id", KeycloakServer.GATEWAY_CLIENT, "client_secret", KeycloakServer.GATEWAY_DEV_SECRET));
        assertThat(token.audience()).contains(Roles.API_AUDIENCE);
        assertThat(token.realmRoles()).contains(Roles.ENTERPRISE);
        assertThat(token.claim(Roles.CREDIT_CODE_CLAIM)).hasValue("91110108MA01AAA01E");
        assertThat(token.claim("azp")).hasValue(KeycloakServer.GATEWAY_CLIENT);
    }

    @Test
    void offersCreditCodeAndEnterpriseNameOnTheRegistrationPage() {
        Page page = keycloak.browser().get(registrationPage());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.hasInput(Roles.CREDIT_CODE_CLAIM)).isTrue();
        assertThat(page.hasInput(Roles.ENTERPRISE_NAME_CLAIM)).isTrue();
        assertThat(page.hasInput("username")).isTrue();
        assertThat(page.hasInput("password")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "91110108MA01AAA0", "91110108MA01AAO01E", "91110108ma01aaa01e", "ABCDEFGHJKLMNPQRTU" })
    void refusesASignUpWithAMalformedCreditCode(String malformed) {
        String username = "malformed-" + Integer.toHexString(malformed.hashCode());

        Page answer = signUp(keycloak.browser(), username, malformed);

        assertThat(answer.location()).isEmpty();
        assertThat(answer.fieldError(Roles.CREDIT_CODE_CLAIM)).hasValueSatisfying(
                message -> assertThat(message).contains("18 characters"));
        assertThat(keycloak.admin().user(username)).isEmpty();
    }

    @Test
    void signsUpAUserWithoutTheEnterpriseRole() {
        String code = creditCode("91110114MA03CCC03");

        Page answer = signUp(keycloak.browser(), "signed-up-pending", code);

        assertThat(answer.location()).hasValueSatisfying(location -> assertThat(location.toString()).startsWith(GATEWAY_REDIRECT));
        JsonNode user = keycloak.admin().user("signed-up-pending").orElseThrow();
        assertThat(user.path("attributes").path(Roles.CREDIT_CODE_CLAIM).get(0).asString()).isEqualTo(code);
        assertThat(keycloak.admin().effectiveRealmRoles(user.path("id").asString()))
                .doesNotContain(Roles.ENTERPRISE, Roles.REVIEWER, Roles.ADMIN);
        Token token = keycloak.password("signed-up-pending", SIGN_UP_PASSWORD);
        assertThat(token.realmRoles()).doesNotContain(Roles.ENTERPRISE);
        assertThat(token.claim(Roles.CREDIT_CODE_CLAIM)).hasValue(code);
        assertThat(token.claim(Roles.ENTERPRISE_NAME_CLAIM)).hasValue("Enterprise of signed-up-pending");
        assertThat(token.audience()).contains(Roles.API_AUDIENCE);
    }

    @Test
    void keepsSignedUpUsersFromRewritingTheirCreditCode() {
        String code = creditCode("91110112MA04DDD04");
        signUp(keycloak.browser(), "signed-up-rewriter", code);
        Token token = keycloak.password("signed-up-rewriter", SIGN_UP_PASSWORD);

        String stolenProfile = keycloak.json().writeValueAsString(Map.of(
                "username", "signed-up-rewriter", "email", "signed-up-rewriter@iip.example",
                "firstName", "Signed", "lastName", "Up",
                "attributes", Map.of(Roles.CREDIT_CODE_CLAIM, List.of("91110108MA01AAA01E"),
                        Roles.ENTERPRISE_NAME_CLAIM, List.of("Yanjing Smart Manufacturing Co., Ltd."))));

        HttpResponse<String> accountUpdate = keycloak.send(HttpRequest.newBuilder(keycloak.url("/realms/iip/account/"))
                .header("Authorization", "Bearer " + token.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(stolenProfile)));
        BrowserSession browser = keycloak.browser();
        Page updateProfile = browser.submit(browser.get(authorizationPage("&kc_action=UPDATE_PROFILE")), "kc-form-login",
                Map.of("username", "signed-up-rewriter", "password", SIGN_UP_PASSWORD));

        assertThat(accountUpdate.statusCode()).isEqualTo(403);
        assertThat(updateProfile.hasInput(Roles.CREDIT_CODE_CLAIM)).isFalse();
        assertThat(updateProfile.redirectParameter("kc_action_status")).hasValue("error");
        assertThat(keycloak.password("signed-up-rewriter", SIGN_UP_PASSWORD).claim(Roles.CREDIT_CODE_CLAIM)).hasValue(code);
    }

    @Test
    void grantsTheEnterpriseRoleOnceAnAdminVerifiesTheSignUp() {
        String code = creditCode("91110106MA05EEE05");
        signUp(keycloak.browser(), "signed-up-verified", code);
        RealmAdmin admin = keycloak.admin();

        List<JsonNode> accounts = admin.usersWithCreditCode(code);
        assertThat(accounts).extracting(user -> user.path("username").asString()).containsExactly("signed-up-verified");
        admin.grantRealmRole(accounts.get(0).path("id").asString(), Roles.ENTERPRISE);

        Token token = keycloak.password("signed-up-verified", SIGN_UP_PASSWORD);
        assertThat(token.realmRoles()).contains(Roles.ENTERPRISE);
        assertThat(token.claim(Roles.CREDIT_CODE_CLAIM)).hasValue(code);
        assertThat(token.claim(Roles.ENTERPRISE_NAME_CLAIM)).hasValue("Enterprise of signed-up-verified");
    }

    @Test
    void makesAnEnterpriseOfAUserCreatedThroughTheAdminApi() {
        String code = creditCode("91110115MA06FFF06");
        keycloak.admin().createEnterpriseUser("operator-made", "operator-made-password", code, "Daxing Hydrogen Energy Co., Ltd.");

        Token token = keycloak.password("operator-made", "operator-made-password");

        assertThat(token.realmRoles()).contains(Roles.ENTERPRISE);
        assertThat(token.claim(Roles.CREDIT_CODE_CLAIM)).hasValue(code);
        assertThat(token.claim(Roles.ENTERPRISE_NAME_CLAIM)).hasValue("Daxing Hydrogen Energy Co., Ltd.");
        assertThat(token.audience()).contains(Roles.API_AUDIENCE);
    }

    @Test
    void makesAnEnterpriseReviewerOfAUserWithBothRoles() {
        String code = creditCode("91110111MA07GGG07");
        keycloak.admin().createEnterpriseUser("enterprise-reviewer", "enterprise-reviewer-password", code,
                "Fangshan Aerospace Materials Co., Ltd.", Roles.REVIEWER);

        Token token = keycloak.password("enterprise-reviewer", "enterprise-reviewer-password");

        assertThat(token.realmRoles()).contains(Roles.ENTERPRISE, Roles.REVIEWER);
        assertThat(token.claim(Roles.CREDIT_CODE_CLAIM)).hasValue(code);
    }

    @Test
    void refusesAMalformedCreditCodeThroughTheAdminApi() {
        HttpResponse<String> answer = keycloak.admin().post("/users",
                RealmAdmin.enterpriseUser("operator-typo", "operator-typo-password", "9111010", "Typo Co., Ltd."));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains(Roles.CREDIT_CODE_CLAIM);
        assertThat(keycloak.admin().user("operator-typo")).isEmpty();
    }

    private Page signUp(BrowserSession browser, String username, String creditCode) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("email", username + "@iip.example");
        fields.put("firstName", "Signed");
        fields.put("lastName", "Up");
        fields.put(Roles.CREDIT_CODE_CLAIM, creditCode);
        fields.put(Roles.ENTERPRISE_NAME_CLAIM, "Enterprise of " + username);
        fields.put("password", SIGN_UP_PASSWORD);
        fields.put("password-confirm", SIGN_UP_PASSWORD);
        return browser.submit(browser.get(registrationPage()), "kc-register-form", fields);
    }

    private URI registrationPage() {
        return keycloak.url("/realms/iip/protocol/openid-connect/registrations?client_id=iip-gateway"
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(GATEWAY_REDIRECT, StandardCharsets.UTF_8));
    }

    private URI authorizationPage(String extraParameters) {
        return keycloak.url("/realms/iip/protocol/openid-connect/auth?client_id=iip-gateway"
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(GATEWAY_REDIRECT, StandardCharsets.UTF_8) + extraParameters);
    }

    /** A well-formed code whose check character is right, from its first 17 characters. */
    private static String creditCode(String first17) {
        return first17 + CreditCode.checkCharacter(first17);
    }
}
