package cn.beijing.iip.registry.system.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.beijing.iip.registry.seeds.Seeds;
import cn.beijing.iip.registry.system.attacks.FuzzBodies.Case;
import cn.beijing.iip.registry.system.attacks.FuzzBodies.Verdict;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The fuzz generators are reproducible, varied, and expect of an accepted body exactly what it says. */
class FuzzBodiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Map<String, List<String>> codes = codes();

    private static Map<String, List<String>> codes() {
        Map<String, List<String>> codes = new LinkedHashMap<>();
        Seeds.packaged().taxonomies().byName().forEach((name, taxonomy) -> codes.put(name, taxonomy.codes()));
        return codes;
    }

    @Test
    void makesTheSameCaseForTheSameSeedAndIndex() {
        FuzzBodies one = new FuzzBodies(7, codes, "http://127.0.0.1:1");
        FuzzBodies again = new FuzzBodies(7, codes, "http://127.0.0.1:1");
        FuzzBodies other = new FuzzBodies(8, codes, "http://127.0.0.1:1");

        for (int i = 0; i < 50; i++) {
            assertThat(again.entry("platforms", "create", i)).isEqualTo(one.entry("platforms", "create", i));
            assertThat(again.review(i)).isEqualTo(one.review(i));
        }
        assertThat(other.entry("platforms", "create", 3).json()).isNotEqualTo(one.entry("platforms", "create", 3).json());
    }

    @ParameterizedTest
    @ValueSource(strings = {"platforms", "solution-providers", "security-products", "review", "revoke", "note"})
    void mixesBodiesToAcceptWithBodiesToRefuse(String body) {
        List<Case> cases = cases(body, 300);

        assertThat(cases.stream().filter(fuzz -> fuzz.verdict() == Verdict.ACCEPT).count()).isGreaterThan(60);
        assertThat(cases.stream().filter(fuzz -> fuzz.verdict() == Verdict.REJECT).count()).isGreaterThan(60);
    }

    @ParameterizedTest
    @ValueSource(strings = {"platforms", "solution-providers", "security-products"})
    void triesEveryKindOfMutationOnEntries(String kind) {
        String mutations = cases(kind, 300).stream().flatMap(fuzz -> fuzz.mutations().stream()).toList().toString();

        assertThat(mutations).contains("as an operator", " null", "of a wrong type", "unknown field", "no name", "twice",
                "truncated", "trailing garbage", "wrapped in an array", "comment", "byte order mark", "deep nesting");
    }

    @ParameterizedTest
    @ValueSource(strings = {"platforms", "solution-providers", "security-products"})
    void expectsAnAcceptedEntryToReadBackAsSent(String kind) {
        for (Case fuzz : cases(kind, 300)) {
            if (fuzz.verdict() == Verdict.ACCEPT) {
                ObjectNode sent = (ObjectNode) JSON.readTree(fuzz.json());
                List<String> nulls = new ArrayList<>();
                sent.properties().forEach(member -> {
                    if (member.getValue().isNull()) {
                        nulls.add(member.getKey());
                    }
                });
                nulls.forEach(sent::remove);
                assertThat(sent).as("%s", fuzz).isEqualTo(fuzz.readBack());
                assertThat(fuzz.readBack().has("name")).isTrue();
            }
        }
    }

    @Test
    void recordsACommentAsTheRegistryStoresIt() {
        for (Case fuzz : cases("review", 300)) {
            if (fuzz.verdict() == Verdict.ACCEPT && fuzz.comment() != null) {
                JsonNode sent = JSON.readTree(fuzz.json()).get("comment");
                assertThat(fuzz.comment()).isEqualTo(sent.asString().strip()).isNotEmpty();
            }
            if (fuzz.verdict() == Verdict.ACCEPT && !"APPROVE".equals(fuzz.decision())) {
                assertThat(fuzz.comment()).as("%s", fuzz).isNotNull();
            }
        }
    }

    private List<Case> cases(String body, int count) {
        FuzzBodies bodies = new FuzzBodies(20_231_231L, codes, "http://127.0.0.1:1");
        IntFunction<Case> make = switch (body) {
            case "review" -> bodies::review;
            case "revoke" -> bodies::revoke;
            case "note" -> bodies::note;
            default -> index -> bodies.entry(body, "create", index);
        };
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cases.add(make.apply(i));
        }
        return cases;
    }
}
