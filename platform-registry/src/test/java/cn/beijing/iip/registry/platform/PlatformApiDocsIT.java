package cn.beijing.iip.registry.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.testing.ApiDocs;
import cn.beijing.iip.registry.core.testing.ApiDocsTest;
import tools.jackson.databind.JsonNode;

class PlatformApiDocsIT extends ApiDocsTest {

    @Override
    protected List<String> contractFields() {
        return List.copyOf(PlatformApiIT.contractBody().keySet());
    }

    @Test
    void describesThePlatformsOwnOptionalFields() {
        JsonNode properties = docs.requestSchema("post", "/api/platforms").get("properties");

        assertThat(ApiDocs.strings(properties.get("platformType").get("enum")))
                .containsExactly("cross-industry", "industry-specific", "specialised");
        assertThat(properties.get("industrialApps").get("minimum").asLong()).isZero();
        assertThat(properties.get("website").get("pattern").asString()).startsWith("^").contains("https?://");
        assertThat(properties.get("connectedDevices").get("description").asString()).isNotBlank();
        assertThat(properties.get("platformType").has("x-required-to-submit")).isFalse();
    }
}
