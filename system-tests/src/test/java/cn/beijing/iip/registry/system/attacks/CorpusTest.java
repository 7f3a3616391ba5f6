package cn.beijing.iip.registry.system.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The corpus is well formed and as broad as the issue asks: 300 requests or more, every category. */
class CorpusTest {

    private final List<Attack> attacks = Corpus.load();

    @Test
    void holdsAtLeastThreeHundredRequestsInEveryCategory() {
        assertThat(attacks.stream().mapToInt(Attack::requests).sum()).isGreaterThanOrEqualTo(300);
        for (Category category : Category.values()) {
            assertThat(attacks.stream().filter(attack -> attack.category() == category).mapToInt(Attack::requests).sum())
                    .as("requests of %s", category).isGreaterThanOrEqualTo(10);
        }
        assertThat(attacks.stream().filter(attack -> attack.tagged("injection")).mapToInt(Attack::requests).sum())
                .isGreaterThanOrEqualTo(30);
    }

    @Test
    void coversEveryWayOfReachingAnotherEnterprisesEntry() {
        List<String> paths = attacks.stream().filter(attack -> attack.category() == Category.API1 && attack.path() != null)
                .map(attack -> attack.method() + " " + attack.path()).toList();

        assertThat(paths).anyMatch(path -> path.startsWith("GET /api/{kind}/{victim.draft}"))
                .anyMatch(path -> path.startsWith("PUT /api/{kind}/{victim.draft}"))
                .anyMatch(path -> path.startsWith("DELETE /api/{kind}/{victim.draft}"))
                .anyMatch(path -> path.endsWith("/submit"))
                .anyMatch(path -> path.endsWith("/withdraw"))
                .anyMatch(path -> path.endsWith("/history"))
                .anyMatch(path -> path.contains("mine=true"))
                .anyMatch(path -> path.contains("status=DRAFT"));
    }

    @Test
    void refusesARowWithAnUnknownMemberOrOutcome() {
        assertThatThrownBy(() -> Corpus.parse("{\"id\":\"x\",\"cat\":\"API1\",\"path\":\"/\",\"expect\":\"ok\",\"expected\":\"ok\"}"))
                .hasMessageContaining("unknown member 'expected'");
        assertThatThrownBy(() -> Corpus.parse("{\"id\":\"x\",\"cat\":\"API1\",\"path\":\"/\",\"expect\":\"fine\"}"))
                .hasMessageContaining("unknown outcome");
        assertThatThrownBy(() -> Corpus.parse("{\"id\":\"x\",\"cat\":\"API1\",\"path\":\"/\",\"expect\":\"ok\"}\n"
                + "{\"id\":\"x\",\"cat\":\"API2\",\"path\":\"/\",\"expect\":\"ok\"}")).hasMessageContaining("used twice");
    }

    @Test
    void judgesConcurrentCopiesByExactlyOneSuccess() {
        assertThat(Outcome.oneWins(List.of(200, 409, 409, 412))).isTrue();
        assertThat(Outcome.oneWins(List.of(200, 200, 409))).isFalse();
        assertThat(Outcome.oneWins(List.of(409, 409))).isFalse();
        assertThat(Outcome.oneWins(List.of(204, 500))).isFalse();
    }

    @Test
    void admitsOnlyTheStatusesAnOutcomeNames() {
        assertThat(Arrays.stream(Outcome.values()).filter(outcome -> outcome.admits(500))).isEmpty();
        assertThat(Outcome.HIDDEN.admits(403)).isTrue();
        assertThat(Outcome.HIDDEN.admits(200)).isFalse();
        assertThat(Outcome.NOT_FOUND.admits(403)).isFalse();
    }
}
