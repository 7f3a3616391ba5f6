package cn.beijing.iip.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.beijing.iip.registry.core.testing.ServiceApiTest;
import cn.beijing.iip.registry.problem.ProblemType;
import tools.jackson.databind.JsonNode;

class SecurityProductApiIT extends ServiceApiTest {

    /** The complete body CONTRACT.md gives for security products. */
    static Map<String, Object> contractBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Acme ICS Firewall");
        body.put("category", "industrial-firewall");
        body.put("industries", List.of("automotive"));
        body.put("region", "beijing");
        body.put("certifications", List.of("MLPS-3"));
        body.put("declaredRevenueCny", 30_000_000L);
        return body;
    }

    static Map<String, Object> product(String name, String category) {
        Map<String, Object> body = contractBody();
        body.put("name", name);
        body.put("category", category);
        return body;
    }

    @Test
    void acceptsTheContractBodyAtCreateAndAtSubmit() {
        JsonNode draft = expect(create(alice, contractBody()), 201).json();
        assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
        assertThat(draft.get("certifications").get(0).asString()).isEqualTo("MLPS-3");

        JsonNode submitted = expect(act(alice, draft.get("id").asString(), "submit", null), 200).json();
        assertThat(submitted.get("status").asString()).isEqualTo("SUBMITTED");
    }

    @Test
    void keepsANameOnlyDraftAndNamesEveryMissingFieldAtSubmit() {
        String id = created(alice, Map.of("name", "工控主机卫士"));

        JsonNode problem = problem(act(alice, id, "submit", null), ProblemType.INCOMPLETE);
        assertThat(fieldsNamedBy(problem)).containsExactlyInAnyOrder("category", "industries", "region",
                "certifications", "declaredRevenueCny");
    }

    @Test
    void readsBackTheOptionalProductFields() {
        Map<String, Object> body = contractBody();
        body.put("description", "Deep inspection of Modbus, S7 and OPC UA traffic");
        body.put("productVersion", "V3.2.1");
        body.put("website", "https://security.example.cn/firewall");
        String id = created(alice, body);
        expect(act(alice, id, "submit", null), 200);

        JsonNode entry = expect(read(alice, id), 200).json();
        assertThat(entry.get("description").asString()).isEqualTo("Deep inspection of Modbus, S7 and OPC UA traffic");
        assertThat(entry.get("productVersion").asString()).isEqualTo("V3.2.1");
        assertThat(entry.get("website").asString()).isEqualTo("https://security.example.cn/firewall");
    }

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                Arguments.of("category", "antivirus-magic", "category"),
                Arguments.of("productVersion", " ", "productVersion"),
                Arguments.of("productVersion", "V".repeat(65), "productVersion"),
                Arguments.of("declaredRevenueCny", -30_000_000L, "declaredRevenueCny"),
                Arguments.of("certifications", List.of("MLPS-3", "MLPS-3"), "certifications"),
                Arguments.of("website", "mailto:sales@example.cn", "website"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("wrongValues")
    void refusesAWrongValueNamingItsField(String field, Object value, String named) {
        Map<String, Object> body = contractBody();
        body.put(field, value);

        JsonNode atCreate = problem(create(alice, body), ProblemType.VALIDATION);
        assertThat(fieldsNamedBy(atCreate)).containsExactly(named);

        String id = created(alice, product("Valid first", "security-audit"));
        JsonNode atUpdate = problem(http.put(path(id)).token(alice).header("If-Match", "\"1\"").json(body).send(),
                ProblemType.VALIDATION);
        assertThat(fieldsNamedBy(atUpdate)).containsExactly(named);
    }

    @Test
    void listsProductsOfOneCategory() {
        approved(alice, product("Plant Firewall", "industrial-firewall"));
        approved(alice, product("Plant Audit", "security-audit"));
        approved(bob, product("态势感知平台", "situational-awareness"));
        approved(carol, product("Edge Firewall", "industrial-firewall"));

        assertThat(names("category=industrial-firewall")).containsExactly("Edge Firewall", "Plant Firewall");
        assertThat(names("category=situational-awareness")).containsExactly("态势感知平台");
        assertThat(names("category=cryptography")).isEmpty();
    }

    @Test
    void refusesAnUnknownCategory() {
        JsonNode problem = problem(list("category=antivirus-magic"), ProblemType.INVALID_PARAMETER);
        assertThat(problem.get("detail").asString()).contains("category", "industrial-firewall");
    }

    @Test
    void countsEachFirmWithApprovedProductsOnce() {
        approved(alice, product("Plant Firewall", "industrial-firewall"));
        approved(alice, product("Plant Audit", "security-audit"));
        approved(bob, product("Situational Awareness", "situational-awareness"));
        String submitted = created(carol, product("Edge Firewall", "industrial-firewall"));
        expect(act(carol, submitted, "submit", null), 200);

        JsonNode figures = figuresWhen(f -> achieved(f, "security-products") == 3);
        assertThat(achieved(figures, "security-firms")).isEqualTo(2);
        assertThat(scrapedWhen("iip_target_achieved", "target", "security-firms", 2)).isEqualTo(2);
        assertThat(scrapedWhen("iip_target_achieved", "target", "security-products", 3)).isEqualTo(3);
        assertThat(scrapedWhen("iip_target_goal", "target", "security-firms", 50)).isEqualTo(50);
    }

    @Test
    void stopsCountingAFirmWhenItsOnlyApprovedProductIsRevoked() {
        String only = approved(bob, product("Situational Awareness", "situational-awareness"));
        approved(alice, product("Plant Firewall", "industrial-firewall"));
        figuresWhen(f -> achieved(f, "security-firms") == 2);

        expect(act(admin, only, "revoke", Map.of("reason", "certificate expired")), 200);

        JsonNode figures = figuresWhen(f -> achieved(f, "security-firms") == 1);
        assertThat(achieved(figures, "security-products")).isEqualTo(1);
        assertThat(scrapedWhen("iip_target_achieved", "target", "security-firms", 1)).isEqualTo(1);
    }
}
