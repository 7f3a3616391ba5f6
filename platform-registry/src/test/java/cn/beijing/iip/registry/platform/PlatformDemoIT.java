package cn.beijing.iip.registry.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.testing.DemoDataTest;
import tools.jackson.databind.JsonNode;

class PlatformDemoIT extends DemoDataTest {

    /** Fixed in seeds/demo/platforms.json, so links to it stay valid across restarts. */
    static final String FOTON_PLATFORM = "92713d4a-edc8-5d2a-8f88-b7749292ed0f";

    @Override
    protected Map<EntryStatus, Integer> expectedStatuses() {
        return Map.of(EntryStatus.APPROVED, 6, EntryStatus.SUBMITTED, 2, EntryStatus.CHANGES_REQUESTED, 1,
                EntryStatus.REJECTED, 1, EntryStatus.DRAFT, 1);
    }

    @Test
    void showsFotonsAfterMarketPlatformWithItsVehiclesAndDealers() {
        demo.load();

        JsonNode foton = expect(read(null, FOTON_PLATFORM), 200).json();
        assertThat(foton.get("owner").get("name").asString()).isEqualTo("北汽福田汽车股份有限公司");
        assertThat(foton.get("connectedDevices").asLong()).isEqualTo(2_200_000);
        assertThat(foton.get("enterprisesServed").asLong()).isEqualTo(2307);
        assertThat(foton.get("demo").asBoolean()).isTrue();
    }

    @Test
    void bringsThePlatformsTargetAlongButNotToItsGoal() {
        demo.load();

        JsonNode figures = figuresWhen(f -> achieved(f, "platforms") == 6);
        assertThat(figures.get("entriesByStatus").get("SUBMITTED").asLong()).isEqualTo(2);
        assertThat(scrapedWhen("iip_target_achieved", "target", "platforms", 6)).isLessThan(10);
    }
}
