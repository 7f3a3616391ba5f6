package cn.beijing.iip.registry.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.plan.Measure;
import cn.beijing.iip.registry.plan.Plan;
import cn.beijing.iip.registry.plan.Target;
import cn.beijing.iip.registry.taxonomy.Taxonomies;

class SeedsTest {

    @Test
    void packagedPlanHasThePlansFiveTargetsAndDeadline() {
        Plan plan = Seeds.packaged().plan();

        assertThat(plan.deadline()).isEqualTo(LocalDate.of(2023, 12, 31));
        assertThat(plan.targets()).extracting(Target::id, Target::goal).containsExactly(
                org.assertj.core.groups.Tuple.tuple("platforms", 10L),
                org.assertj.core.groups.Tuple.tuple("solution-providers", 50L),
                org.assertj.core.groups.Tuple.tuple("security-products", 50L),
                org.assertj.core.groups.Tuple.tuple("security-firms", 50L),
                org.assertj.core.groups.Tuple.tuple("core-industry-revenue", 150_000_000_000L));
    }

    @Test
    void eachTargetIsReportedByTheServiceOfItsKindAndRevenueByTheGateway() {
        Plan plan = Seeds.packaged().plan();

        assertThat(plan.reportedBy("security-products")).extracting(Target::id)
                .containsExactly("security-products", "security-firms");
        assertThat(plan.reportedBy("platform-registry")).extracting(Target::id).containsExactly("platforms");
        assertThat(plan.reportedBy(Target.GATEWAY)).extracting(Target::measure)
                .containsExactly(Measure.CORE_INDUSTRY_REVENUE);
        assertThat(plan.counting(EntryKind.SOLUTION_PROVIDERS)).hasSize(1);
    }

    @Test
    void packagedTaxonomiesHoldTheCodesTheContractNames() {
        Taxonomies taxonomies = Seeds.packaged().taxonomies();

        assertThat(taxonomies.get(Taxonomies.INDUSTRIES).codes())
                .contains("steel", "automotive", "aerospace", "hydrogen-energy", "pharma-health");
        assertThat(taxonomies.get(Taxonomies.REGIONS).codes()).containsExactly("beijing", "tianjin", "hebei");
        assertThat(taxonomies.get(Taxonomies.SOLUTION_DOMAINS).contains("digital-twin")).isTrue();
        assertThat(taxonomies.get(Taxonomies.SECURITY_CATEGORIES).contains("industrial-firewall")).isTrue();
        assertThat(taxonomies.get(Taxonomies.PLATFORM_TYPES).codes())
                .containsExactly("cross-industry", "industry-specific", "specialised");
    }

    @Test
    void readsAnEditedCopyFromADirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("plan.json"), """
                {"title":"t","titleZh":"t","deadline":"2025-06-30","targets":[
                 {"id":"platforms","title":"p","titleZh":"p","goal":12,"unit":"entries",
                  "measure":"approved-entries","kind":"PLATFORMS"}]}
                """);

        Plan plan = Seeds.at(dir.toString()).plan();

        assertThat(plan.deadline()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(plan.targets()).singleElement().extracting(Target::goal).isEqualTo(12L);
    }

    @Test
    void rejectsAPlanWithATargetThatHasNoKindToCount(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("plan.json"), """
                {"title":"t","titleZh":"t","deadline":"2025-06-30","targets":[
                 {"id":"platforms","title":"p","titleZh":"p","goal":12,"unit":"entries",
                  "measure":"approved-entries","kind":null}]}
                """);

        assertThatThrownBy(() -> Seeds.at(dir.toString()).plan())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs kind");
    }

    @Test
    void rejectsUnknownFieldsSoThatTyposInSeedsAreCaught(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("plan.json"), """
                {"title":"t","titleZh":"t","deadline":"2025-06-30","targetz":[]}
                """);

        assertThatThrownBy(() -> Seeds.at(dir.toString()).plan()).isInstanceOf(IllegalStateException.class);
    }
}
