package cn.beijing.iip.registry.platform;

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

class PlatformApiIT extends ServiceApiTest {

    /** The complete body CONTRACT.md gives for platforms. */
    static Map<String, Object> contractBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Foton Vehicle Cloud");
        body.put("industries", List.of("automotive"));
        body.put("region", "beijing");
        body.put("description", "Connected commercial-vehicle after-market platform");
        body.put("connectedDevices", 2_200_000);
        body.put("enterprisesServed", 2307);
        body.put("declaredRevenueCny", 500_000_000L);
        return body;
    }

    static Map<String, Object> named(String name) {
        Map<String, Object> body = contractBody();
        body.put("name", name);
        return body;
    }

    @Test
    void acceptsTheContractBodyAtCreateAndAtSubmit() {
        JsonNode draft = expect(create(alice, contractBody()), 201).json();
        assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
        assertThat(draft.get("connectedDevices").asLong()).isEqualTo(2_200_000);
        assertThat(draft.get("enterprisesServed").asLong()).isEqualTo(2307);

        JsonNode submitted = expect(act(alice, draft.get("id").asString(), "submit", null), 200).json();
        assertThat(submitted.get("status").asString()).isEqualTo("SUBMITTED");
    }

    @Test
    void keepsANameOnlyDraftAndNamesEveryMissingFieldAtSubmit() {
        String id = created(alice, Map.of("name", "京津冀汽车产业链平台"));

        JsonNode problem = problem(act(alice, id, "submit", null), ProblemType.INCOMPLETE);
        assertThat(fieldsNamedBy(problem)).containsExactlyInAnyOrder("industries", "region", "description",
                "connectedDevices", "enterprisesServed", "declaredRevenueCny");
        assertThat(expect(read(alice, id), 200).json().get("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void readsBackTheOptionalPlatformFields() {
        Map<String, Object> body = named("Foton Vehicle Cloud Plus");
        body.put("platformType", "industry-specific");
        body.put("industrialApps", 318);
        body.put("website", "https://iov.example.cn/after-market");
        String id = created(alice, body);
        expect(act(alice, id, "submit", null), 200);

        JsonNode entry = expect(read(alice, id), 200).json();
        assertThat(entry.get("platformType").asString()).isEqualTo("industry-specific");
        assertThat(entry.get("industrialApps").asLong()).isEqualTo(318);
        assertThat(entry.get("website").asString()).isEqualTo("https://iov.example.cn/after-market");
    }

    static Stream<Arguments> wrongOptionalValues() {
        return Stream.of(
                Arguments.of("platformType", "national-champion"),
                Arguments.of("industrialApps", -1),
                Arguments.of("connectedDevices", -5),
                Arguments.of("enterprisesServed", -2307),
                Arguments.of("website", "ftp://files.example.cn"),
                Arguments.of("website", "javascript:alert(1)"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("wrongOptionalValues")
    void refusesAWrongValueNamingItsField(String field, Object value) {
        Map<String, Object> body = contractBody();
        body.put(field, value);

        JsonNode atCreate = problem(create(alice, body), ProblemType.VALIDATION);
        assertThat(fieldsNamedBy(atCreate)).containsExactly(field);

        String id = created(alice, named("Valid first"));
        JsonNode atUpdate = problem(http.put(path(id)).token(alice).header("If-Match", "\"1\"").json(body).send(),
                ProblemType.VALIDATION);
        assertThat(fieldsNamedBy(atUpdate)).containsExactly(field);
    }

    @Test
    void listsPlatformsOfOneType() {
        Map<String, Object> crossIndustry = named("Cross-industry Cloud");
        crossIndustry.put("platformType", "cross-industry");
        Map<String, Object> specialised = named("有研新材料研发平台");
        specialised.put("platformType", "specialised");
        approved(alice, crossIndustry);
        approved(bob, specialised);
        approved(carol, named("Untyped Platform"));

        assertThat(names("platformType=cross-industry")).containsExactly("Cross-industry Cloud");
        assertThat(names("platformType=specialised")).containsExactly("有研新材料研发平台");
        assertThat(names("platformType=industry-specific")).isEmpty();
        assertThat(names("")).hasSize(3);
    }

    @Test
    void refusesAnUnknownPlatformType() {
        JsonNode problem = problem(list("platformType=national-champion"), ProblemType.INVALID_PARAMETER);
        assertThat(problem.get("detail").asString()).contains("platformType", "cross-industry");
    }

    @Test
    void answersAnIllegalTransitionWithItsHttpStatusAndTheEntrysState() {
        String id = created(alice, named("Never Submitted"));

        JsonNode problem = problem(act(alice, id, "withdraw", null), ProblemType.ILLEGAL_TRANSITION);
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("currentStatus").asString()).isEqualTo("DRAFT");
    }

    @Test
    void countsApprovedPlatformsTowardsThePlatformsTarget() {
        approved(alice, named("Approved One"));
        approved(bob, named("Approved Two"));
        created(carol, named("Still A Draft"));

        JsonNode figures = figuresWhen(f -> achieved(f, "platforms") == 2);
        assertThat(figures.get("kind").asString()).isEqualTo("platforms");
        assertThat(scrapedWhen("iip_target_achieved", "target", "platforms", 2)).isEqualTo(2);
        assertThat(scrapedWhen("iip_target_goal", "target", "platforms", 10)).isEqualTo(10);
    }
}
