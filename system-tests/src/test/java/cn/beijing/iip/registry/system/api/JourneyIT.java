package cn.beijing.iip.registry.system.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.system.support.RegistrySystem;
import cn.beijing.iip.registry.system.support.SystemTest;
import tools.jackson.databind.JsonNode;

/** An enterprise registers an entry of each kind, a reviewer approves it, and the plan's progress moves. */
class JourneyIT extends SystemTest {

    JourneyIT(RegistrySystem system) {
        super(system);
    }

    @ParameterizedTest
    @ValueSource(strings = {"platforms", "solution-providers", "security-products"})
    void registersReviewsPublishesAndCountsAnEntry(String kind) {
        RegistrySystem.Enterprise enterprise = system.newEnterprise("Journey " + kind + " Co., Ltd.");
        long before = progressRow(kind).get("achieved").asLong();
        Map<String, Object> body = completeBody(kind, "Journey " + kind);

        Http.Response created = expect(http.post("/api/" + kind).token(enterprise.token()).json(body).send(), 201);
        String id = created.json().get("id").asString();
        String location = created.header("Location").orElseThrow();
        assertThat(location).endsWith("/api/" + kind + "/" + id).doesNotContain(":808", ":8083");
        assertThat(created.json().get("owner").get("creditCode").asString()).isEqualTo(enterprise.creditCode());

        assertThat(expect(act(enterprise.token(), kind, id, "submit", null), 200).json().get("status").asString())
                .isEqualTo("SUBMITTED");
        expect(http.get("/api/" + kind + "/" + id).send(), 404);
        assertThat(expect(act(system.token("reviewer"), kind, id, "review",
                Map.of("decision", "APPROVE", "comment", "meets the plan's bar")), 200).json().get("status").asString())
                .isEqualTo("APPROVED");

        JsonNode published = expect(http.get(location.replaceFirst("^https?://[^/]+", "")).send(), 200).json();
        assertThat(published.get("status").asString()).isEqualTo("APPROVED");
        assertThat(published.get("name").asString()).isEqualTo("Journey " + kind);
        JsonNode page = expect(http.get("/api/" + kind + "?q=journey&status=APPROVED").send(), 200).json();
        assertThat(page.get("items").findValuesAsString("id")).contains(id);
        JsonNode history = expect(http.get("/api/" + kind + "/" + id + "/history").token(enterprise.token()).send(), 200).json();
        assertThat(history.findValuesAsString("to")).containsExactly("DRAFT", "SUBMITTED", "APPROVED");
        assertThat(history.get(2).get("actor").asString()).isEqualTo("reviewer");

        await("the " + kind + " target counting the approval", Duration.ofSeconds(20),
                () -> progressRow(kind).get("achieved").asLong(), achieved -> achieved >= before + 1);
    }
}
