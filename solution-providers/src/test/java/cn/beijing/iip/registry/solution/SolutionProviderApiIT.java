package cn.beijing.iip.registry.solution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.core.testing.ServiceApiTest;
import cn.beijing.iip.registry.problem.ProblemType;
import tools.jackson.databind.JsonNode;

class SolutionProviderApiIT extends ServiceApiTest {

    /** The complete body CONTRACT.md gives for solution providers. */
    static Map<String, Object> contractBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Acme Industrial Solutions");
        body.put("domains", List.of("digital-twin"));
        body.put("industries", List.of("steel"));
        body.put("region", "beijing");
        body.put("provincesServed", 12);
        body.put("referenceCases", 40);
        body.put("declaredRevenueCny", 200_000_000L);
        return body;
    }

    static Map<String, Object> named(String name, String... domains) {
        Map<String, Object> body = contractBody();
        body.put("name", name);
        if (domains.length > 0) {
            body.put("domains", List.of(domains));
        }
        return body;
    }

    @Test
    void acceptsTheContractBodyAtCreateAndAtSubmit() {
        JsonNode draft = expect(create(alice, contractBody()), 201).json();
        assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
        assertThat(draft.get("provincesServed").asLong()).isEqualTo(12);

        JsonNode submitted = expect(act(alice, draft.get("id").asString(), "submit", null), 200).json();
        assertThat(submitted.get("status").asString()).isEqualTo("SUBMITTED");
    }

    @Test
    void keepsANameOnlyDraftAndNamesEveryMissingFieldAtSubmit() {
        String id = created(alice, Map.of("name", "机械工业智能工厂解决方案"));

        JsonNode problem = problem(act(alice, id, "submit", null), ProblemType.INCOMPLETE);
        assertThat(fieldsNamedBy(problem)).containsExactlyInAnyOrder("domains", "industries", "region",
                "provincesServed", "referenceCases", "declaredRevenueCny");
    }

    @Test
    void readsBackTheOptionalProfileFields() {
        Map<String, Object> body = contractBody();
        body.put("description", "Digital twins of blast furnaces and rolling mills\nfor 40 steel plants");
        body.put("website", "http://solutions.example.cn");
        String id = created(alice, body);
        expect(act(alice, id, "submit", null), 200);

        JsonNode entry = expect(read(alice, id), 200).json();
        assertThat(entry.get("description").asString())
                .isEqualTo("Digital twins of blast furnaces and rolling mills\nfor 40 steel plants");
        assertThat(entry.get("website").asString()).isEqualTo("http://solutions.example.cn");
    }

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                Arguments.of("domains", List.of("blockchain-magic"), "domains[0]"),
                Arguments.of("provincesServed", 35, "provincesServed"),
                Arguments.of("provincesServed", -1, "provincesServed"),
                Arguments.of("referenceCases", -40, "referenceCases"),
                Arguments.of("declaredRevenueCny", -1, "declaredRevenueCny"),
                Arguments.of("website", "solutions.example.cn", "website"),
                Arguments.of("description", "bell\u0007", "description"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("wrongValues")
    void refusesAWrongValueNamingItsField(String field, Object value, String named) {
        Map<String, Object> body = contractBody();
        body.put(field, value);

        JsonNode atCreate = problem(create(alice, body), ProblemType.VALIDATION);
        assertThat(fieldsNamedBy(atCreate)).containsExactly(named);

        String id = created(bob, named("Valid first"));
        JsonNode atUpdate = problem(http.put(path(id)).token(bob).header("If-Match", "\"1\"").json(body).send(),
                ProblemType.VALIDATION);
        assertThat(fieldsNamedBy(atUpdate)).containsExactly(named);
    }

    @Test
    void servesAllThirtyFourProvincialDivisionsAtMost() {
        Map<String, Object> body = contractBody();
        body.put("provincesServed", 34);

        assertThat(expect(create(alice, body), 201).json().get("provincesServed").asLong()).isEqualTo(34);
    }

    @Test
    void listsProvidersOfOneDomain() {
        approved(alice, named("Twin Works", "digital-twin", "industrial-ai"));
        approved(bob, named("京津冀边缘计算服务", "edge-computing"));
        approved(carol, named("Factory Builders", "smart-factory", "digital-twin"));

        assertThat(names("domain=digital-twin")).containsExactly("Factory Builders", "Twin Works");
        assertThat(names("domain=edge-computing")).containsExactly("京津冀边缘计算服务");
        assertThat(names("domain=supply-chain")).isEmpty();
    }

    @Test
    void refusesAnUnknownDomain() {
        JsonNode problem = problem(list("domain=blockchain-magic"), ProblemType.INVALID_PARAMETER);
        assertThat(problem.get("detail").asString()).contains("domain", "digital-twin");
    }

    @Test
    void keepsOneProfilePerEnterprise() {
        String first = created(alice, named("Alpha Solutions"));

        JsonNode problem = problem(create(alice, named("Alpha Solutions Two")), ProblemType.ONE_PER_ENTERPRISE);
        assertThat(problem.get("existingId").asString()).isEqualTo(first);
        expect(create(bob, named("Beta Solutions")), 201);
    }

    @Test
    void keepsTheProfileAfterRejectionSoTheEnterpriseAppliesAgainWithIt() {
        String first = created(alice, named("Alpha Solutions"));
        expect(act(alice, first, "submit", null), 200);
        expect(review(first, "REJECT", "no reference cases outside Beijing"), 200);

        JsonNode problem = problem(create(alice, named("Alpha Solutions, second try")), ProblemType.ONE_PER_ENTERPRISE);
        assertThat(problem.get("existingId").asString()).isEqualTo(first);
        assertThat(expect(act(alice, first, "submit", null), 200).json().get("status").asString()).isEqualTo("SUBMITTED");
    }

    @Test
    void letsExactlyOneOfSixteenConcurrentProfilesOfOneEnterpriseIn() throws Exception {
        int callers = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                Map<String, Object> body = named("Racing Profile " + i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return create(alice, body);
                }));
            }
            start.countDown();
        }
        List<Http.Response> created = new ArrayList<>();
        List<Http.Response> refused = new ArrayList<>();
        for (Future<Http.Response> answer : answers) {
            Http.Response response = answer.get();
            (response.status() == 201 ? created : refused).add(response);
        }

        assertThat(created).hasSize(1);
        assertThat(refused).hasSize(callers - 1);
        String winner = created.getFirst().json().get("id").asString();
        for (Http.Response response : refused) {
            assertThat(problem(response, ProblemType.ONE_PER_ENTERPRISE).get("existingId").asString()).isEqualTo(winner);
        }
        assertThat(expect(http.get(path() + "?mine=true").token(alice).send(), 200).json().get("total").asLong())
                .isEqualTo(1);
        expect(create(bob, named("Racing Profile 0")), 201);
    }

    @Test
    void countsApprovedProvidersTowardsTheirTarget() {
        approved(alice, named("Approved Provider"));
        String pending = created(bob, named("Pending Provider"));
        expect(act(bob, pending, "submit", null), 200);

        figuresWhen(f -> achieved(f, "solution-providers") == 1);
        assertThat(scrapedWhen("iip_target_achieved", "target", "solution-providers", 1)).isEqualTo(1);
        assertThat(scrapedWhen("iip_target_goal", "target", "solution-providers", 50)).isEqualTo(50);
    }
}
