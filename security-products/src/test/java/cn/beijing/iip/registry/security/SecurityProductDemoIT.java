package cn.beijing.iip.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.testing.DemoDataTest;
import tools.jackson.databind.JsonNode;

class SecurityProductDemoIT extends DemoDataTest {

    @Override
    protected Map<EntryStatus, Integer> expectedStatuses() {
        return Map.of(EntryStatus.APPROVED, 17, EntryStatus.SUBMITTED, 3, EntryStatus.CHANGES_REQUESTED, 1,
                EntryStatus.REJECTED, 1, EntryStatus.DRAFT, 1);
    }

    @Test
    void countsTwelveFirmsBehindSeventeenApprovedProducts() {
        demo.load();

        // both figures of one recount, once it has seen the whole load (a recount may run while it is under way)
        JsonNode figures = figuresWhen(f -> achieved(f, "security-products") == 17 && achieved(f, "security-firms") == 12);
        assertThat(achieved(figures, "security-firms")).isEqualTo(12);
        assertThat(scrapedWhen("iip_target_achieved", "target", "security-firms", 12)).isLessThan(50);
        assertThat(scrapedWhen("iip_target_achieved", "target", "security-products", 17)).isLessThan(50);
    }
}
