package cn.beijing.iip.registry.system.support;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.beijing.iip.registry.identity.Roles;
import tools.jackson.databind.JsonNode;

/**
 * Keycloak's admin REST API for realm {@value KeycloakServer#REALM}, called as Keycloak's administrator
 * with the same requests deploy/keycloak/README.md shows an operator.
 */
public final class RealmAdmin {

    private final KeycloakServer keycloak;

    RealmAdmin(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    /**
     * An enterprise user as the CONTRACT describes one: user name, e-mail marked verified, first and last
     * name, creditCode and enterpriseName, a password, realm role ENTERPRISE (and any further roles).
     *
     * @return the new user's id
     */
    public String createEnterpriseUser(String username, String password, String creditCode, String enterpriseName,
            String... furtherRoles) {
        String id = createUser(enterpriseUser(username, password, creditCode, enterpriseName));
        grantRealmRole(id, Roles.ENTERPRISE);
        for (String role : furtherRoles) {
            grantRealmRole(id, role);
        }
        return id;
    }

    /** The user representation the admin API takes for an enterprise user (roles are granted apart). */
    public static Map<String, Object> enterpriseUser(String username, String password, String creditCode,
            String enterpriseName) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", true);
        user.put("email", username + "@iip.example");
        user.put("emailVerified", true);
        user.put("firstName", "Test");
        user.put("lastName", username);
        user.put("attributes", Map.of(Roles.CREDIT_CODE_CLAIM, List.of(creditCode),
                Roles.ENTERPRISE_NAME_CLAIM, List.of(enterpriseName)));
        user.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        return user;
    }

    /** Creates a user; fails with Keycloak's answer unless it is 201. */
    public String createUser(Map<String, Object> representation) {
        HttpResponse<String> response = post("/users", representation);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating user " + representation.get("username") + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("no Location for the new user"));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public Optional<JsonNode> user(String username) {
        JsonNode users = get("/users?exact=true&username=" + KeycloakServer.encode(username));
        return users.isEmpty() ? Optional.empty() : Optional.of(users.get(0));
    }

    /** Users whose creditCode attribute is this code: how an administrator finds an enterprise's accounts. */
    public List<JsonNode> usersWithCreditCode(String creditCode) {
        List<JsonNode> users = new ArrayList<>();
        get("/users?q=" + KeycloakServer.encode(Roles.CREDIT_CODE_CLAIM + ":" + creditCode)).forEach(users::add);
        return users;
    }

    /** Grants a realm role as an administrator does once an enterprise is verified. */
    public void grantRealmRole(String userId, String role) {
        JsonNode representation = get("/roles/" + role);
        HttpResponse<String> response = post("/users/" + userId + "/role-mappings/realm",
                List.of(Map.of("id", representation.path("id").asString(), "name", role)));
        if (response.statusCode() != 204) {
            throw new IllegalStateException("granting " + role + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** The realm roles a user has, composites expanded (ADMIN brings REVIEWER). */
    public List<String> effectiveRealmRoles(String userId) {
        List<String> roles = new ArrayList<>();
        get("/users/" + userId + "/role-mappings/realm/composite").forEach(role -> roles.add(role.path("name").asString()));
        return roles;
    }

    public JsonNode get(String path) {
        HttpResponse<String> response = keycloak.send(request(path).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return keycloak.json().readTree(response.body());
    }

    /** A POST whose answer the caller judges, for requests that are meant to fail too. */
    public HttpResponse<String> post(String path, Object body) {
        return keycloak.send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(keycloak.json().writeValueAsString(body))));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + path))
                .header("Authorization", "Bearer " + keycloak.adminToken());
    }
}
