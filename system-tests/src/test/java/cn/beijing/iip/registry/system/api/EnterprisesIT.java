package cn.beijing.iip.registry.system.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.testing.Codes;
import cn.beijing.iip.registry.identity.Roles;
import cn.beijing.iip.registry.system.support.RealmAdmin;
import cn.beijing.iip.registry.system.support.RegistrySystem;
import cn.beijing.iip.registry.system.support.SystemTest;
import tools.jackson.databind.JsonNode;

/** Enterprises come from Keycloak: made by an operator, or signed up and verified by an admin. */
class EnterprisesIT extends SystemTest {

    EnterprisesIT(RegistrySystem system) {
        super(system);
    }

    @Test
    void letsAnEnterpriseCreatedThroughTheAdminApiUseTheApiAtOnce() {
        RegistrySystem.Enterprise created = system.newEnterprise("Freshly Onboarded Co., Ltd.");

        JsonNode entry = expect(http.post("/api/security-products").token(created.token())
                .json(completeBody("security-products", "Fresh Firewall")).send(), 201).json();

        assertThat(entry.get("owner").get("creditCode").asString()).isEqualTo(created.creditCode());
        assertThat(entry.get("owner").get("name").asString()).isEqualTo("Freshly Onboarded Co., Ltd.");
    }

    @Test
    void keepsASignedUpEnterpriseWaitingUntilAnAdminVerifiesIt() {
        String username = "pending-" + System.nanoTime() % 100_000;
        String code = Codes.numbered(424_242);
        // what Keycloak's registration page makes: the two attributes, no role ENTERPRISE
        String id = system.keycloak().admin().createUser(RealmAdmin.enterpriseUser(username, username, code, "Pending Co., Ltd."));

        JsonNode pending = expectProblem(http.post("/api/platforms").token(system.keycloak().accessToken(username))
                .json(completeBody("platforms", "Too Early")).send(), 403, "verification-pending").json();
        assertThat(pending.get("detail").asString()).contains(code).contains("verified");
        expect(http.get("/api/platforms").token(system.keycloak().accessToken(username)).send(), 200);

        system.keycloak().admin().grantRealmRole(id, Roles.ENTERPRISE);

        expect(http.post("/api/platforms").token(system.keycloak().accessToken(username))
                .json(completeBody("platforms", "After Verification")).send(), 201);
    }

    @Test
    void keepsEnterprisesApartFromEachOther() {
        RegistrySystem.Enterprise alpha = system.newEnterprise("Alpha Isolation Co., Ltd.");
        RegistrySystem.Enterprise beta = system.newEnterprise("Beta Isolation Co., Ltd.");
        String draft = create(alpha.token(), "platforms", completeBody("platforms", "Alpha Secret Draft"));

        expect(http.get("/api/platforms/" + draft).token(beta.token()).send(), 404);
        expect(http.get("/api/platforms/" + draft + "/history").token(beta.token()).send(), 404);
        expect(act(beta.token(), "platforms", draft, "submit", null), 404);
        expect(http.delete("/api/platforms/" + draft).token(beta.token()).send(), 404);
        assertThat(expect(http.get("/api/platforms?q=alpha%20secret&size=100").token(beta.token()).send(), 200).json()
                .get("total").asLong()).isZero();
        // the same name is free for another enterprise
        create(beta.token(), "platforms", Map.of("name", "Alpha Secret Draft"));
    }
}
