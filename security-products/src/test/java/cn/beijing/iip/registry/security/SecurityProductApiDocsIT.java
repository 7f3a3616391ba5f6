package cn.beijing.iip.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.testing.ApiDocs;
import cn.beijing.iip.registry.problem.ProblemType;
import cn.beijing.iip.registry.core.testing.ApiDocsTest;
import tools.jackson.databind.JsonNode;

class SecurityProductApiDocsIT extends ApiDocsTest {

    @Override
    protected List<String> contractFields() {
        return List.copyOf(SecurityProductApiIT.contractBody().keySet());
    }

    @Test
    void describesTheProductsCategoryCertificationsAndVersion() {
        JsonNode properties = docs.requestSchema("post", "/api/security-products").get("properties");

        assertThat(ApiDocs.strings(properties.get("category").get("enum"))).contains("industrial-firewall", "cryptography");
        assertThat(properties.get("certifications").get("items").get("maxLength").asInt()).isEqualTo(64);
        assertThat(properties.get("productVersion").get("maxLength").asInt()).isEqualTo(64);
        assertThat(properties.get("productVersion").has("x-required-to-submit")).isFalse();
    }

    @Test
    void keepsOneNamePerEnterpriseButNotOneProduct() {
        assertThat(docs.problemTypes("post", "/api/security-products", 409))
                .containsExactly(uri(ProblemType.DUPLICATE_NAME));
    }
}
