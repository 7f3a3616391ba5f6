package cn.beijing.iip.registry.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.identity.CreditCode;
import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.plan.Target;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo entries of all three kinds together, as the progress view will show them: one identity per
 * enterprise across the files, synthetic credit codes only, and figures with substance that stay below
 * every goal. Each service's tests check its own file against its rules.
 */
class DemoSeedsTest {

    /** The organisation-code part of every demo credit code starts with this, so no real company's code is used. */
    private static final String SYNTHETIC_MARK = "DEMX";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Seeds seeds = Seeds.packaged();

    private List<JsonNode> entries() {
        List<JsonNode> all = new ArrayList<>();
        for (EntryKind kind : EntryKind.values()) {
            JSON.readTree(seeds.bytes("demo/" + kind.code() + ".json")).get("entries").forEach(all::add);
        }
        return all;
    }

    private List<JsonNode> approved() {
        return entries().stream().filter(entry -> entry.get("status").asString().equals("APPROVED")).toList();
    }

    private long goal(String target) {
        return seeds.plan().targets().stream().filter(t -> t.id().equals(target)).mapToLong(Target::goal)
                .findFirst().orElseThrow();
    }

    @Test
    void givesEachDemoEnterpriseOneSyntheticCodeAndOneNameInEveryFile() {
        Map<String, String> nameByCode = new HashMap<>();
        Map<String, String> codeByName = new HashMap<>();
        for (JsonNode entry : entries()) {
            String code = entry.get("owner").get("creditCode").asString();
            String name = entry.get("owner").get("name").asString();

            assertThat(CreditCode.isValid(code)).as(code).isTrue();
            assertThat(code.substring(8, 12)).as(code).isEqualTo(SYNTHETIC_MARK);
            assertThat(nameByCode.computeIfAbsent(code, c -> name)).as(code).isEqualTo(name);
            assertThat(codeByName.computeIfAbsent(name, n -> code)).as(name).isEqualTo(code);
        }
        assertThat(nameByCode).hasSizeGreaterThan(30);
    }

    @Test
    void neverUsesOneIdTwice() {
        Set<String> ids = new HashSet<>();
        for (JsonNode entry : entries()) {
            assertThat(ids.add(entry.get("id").asString())).as(entry.get("id").asString()).isTrue();
        }
    }

    @Test
    void addsUpToTensOfBillionsOfCoreRevenueBelowTheGoal() {
        Map<String, Long> largestByEnterprise = new HashMap<>();
        for (JsonNode entry : approved()) {
            largestByEnterprise.merge(entry.get("owner").get("creditCode").asString(),
                    entry.get("fields").get("declaredRevenueCny").asLong(), Math::max);
        }
        long revenue = largestByEnterprise.values().stream().mapToLong(Long::longValue).sum();

        assertThat(revenue).isEqualTo(31_310_000_000L);
        assertThat(revenue).isLessThan(goal("core-industry-revenue"));
    }

    @Test
    void putsEnterprisesThatAppearInSeveralKindsUnderOneCode() {
        Map<String, Set<String>> kindsByCode = new HashMap<>();
        for (EntryKind kind : EntryKind.values()) {
            JSON.readTree(seeds.bytes("demo/" + kind.code() + ".json")).get("entries").forEach(entry -> kindsByCode
                    .computeIfAbsent(entry.get("owner").get("creditCode").asString(), c -> new HashSet<>())
                    .add(kind.code()));
        }

        assertThat(kindsByCode.values()).filteredOn(kinds -> kinds.size() == 3).hasSize(3);
        assertThat(kindsByCode.values()).filteredOn(kinds -> kinds.size() >= 2).hasSize(12);
    }
}
