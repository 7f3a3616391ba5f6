package cn.beijing.iip.registry.solution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.testing.DemoDataTest;
import cn.beijing.iip.registry.problem.ProblemType;
import tools.jackson.databind.JsonNode;

class SolutionProviderDemoIT extends DemoDataTest {

    @Override
    protected Map<EntryStatus, Integer> expectedStatuses() {
        return Map.of(EntryStatus.APPROVED, 22, EntryStatus.SUBMITTED, 3, EntryStatus.CHANGES_REQUESTED, 1,
                EntryStatus.REJECTED, 1, EntryStatus.DRAFT, 1);
    }

    @Test
    void bringsTheSolutionProvidersTargetAlongButNotToItsGoal() {
        demo.load();

        figuresWhen(f -> achieved(f, "solution-providers") == 22);
        assertThat(scrapedWhen("iip_target_achieved", "target", "solution-providers", 22)).isLessThan(50);
    }

    @Test
    void holdsTheDemoEnterprisesToOneProfileEach() {
        demo.load();
        JsonNode crsc = expect(list("q=" + URLEncoder.encode("轨道交通信号", StandardCharsets.UTF_8)), 200)
                .json().get("items").get(0);
        String owner = crsc.get("owner").get("creditCode").asString();
        String enterprise = ISSUER.enterprise("crsc-user", owner, crsc.get("owner").get("name").asString()).sign();

        JsonNode problem = problem(create(enterprise, SolutionProviderApiIT.named("轨道交通第二个方案")),
                ProblemType.ONE_PER_ENTERPRISE);
        assertThat(problem.get("existingId").asString()).isEqualTo(crsc.get("id").asString());
    }
}
