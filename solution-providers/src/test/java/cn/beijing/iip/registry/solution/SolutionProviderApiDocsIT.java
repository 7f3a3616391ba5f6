package cn.beijing.iip.registry.solution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.testing.ApiDocs;
import cn.beijing.iip.registry.core.testing.ApiDocsTest;
import cn.beijing.iip.registry.problem.ProblemType;
import tools.jackson.databind.JsonNode;

class SolutionProviderApiDocsIT extends ApiDocsTest {

    @Override
    protected List<String> contractFields() {
        return List.copyOf(SolutionProviderApiIT.contractBody().keySet());
    }

    @Test
    void describesTheProvidersReachAndDomains() {
        JsonNode properties = docs.requestSchema("post", "/api/solution-providers").get("properties");

        assertThat(properties.get("provincesServed").get("maximum").asInt()).isEqualTo(34);
        assertThat(properties.get("provincesServed").get("minimum").asInt()).isZero();
        assertThat(ApiDocs.strings(properties.get("domains").get("items").get("enum"))).contains("digital-twin", "smart-factory");
        assertThat(properties.get("domains").get("uniqueItems").asBoolean()).isTrue();
        assertThat(properties.get("description").has("x-required-to-submit")).isFalse();
    }

    @Test
    void warnsThatAnEnterpriseHasOneProfile() {
        assertThat(docs.problemTypes("post", "/api/solution-providers", 409))
                .containsExactlyInAnyOrder(uri(ProblemType.DUPLICATE_NAME), uri(ProblemType.ONE_PER_ENTERPRISE));
    }
}
