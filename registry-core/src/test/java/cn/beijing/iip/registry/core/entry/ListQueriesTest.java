package cn.beijing.iip.registry.core.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import cn.beijing.iip.coretest.Sample;
import cn.beijing.iip.registry.core.kind.CodeFilter;
import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.core.problem.ProblemException;
import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.problem.ProblemType;
import cn.beijing.iip.registry.seeds.Seeds;
import cn.beijing.iip.registry.taxonomy.Taxonomies;

class ListQueriesTest {

    private static final CodeFilter PLATFORM_TYPE = new CodeFilter("platformType", "platformType", Taxonomies.PLATFORM_TYPES);

    private final ListQueries queries = new ListQueries(Seeds.packaged().taxonomies(), new KindDefinition<Sample>() {
        @Override
        public EntryKind kind() {
            return EntryKind.PLATFORMS;
        }

        @Override
        public Class<Sample> fieldsType() {
            return Sample.class;
        }

        @Override
        public List<CodeFilter> filters() {
            return List.of(PLATFORM_TYPE);
        }
    });

    private static MultiValueMap<String, String> parameters(String... pairs) {
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.add(pairs[i], pairs[i + 1]);
        }
        return parameters;
    }

    private ProblemException refusal(String... pairs) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> queries.parse(parameters(pairs)));
        assertThat(problem).as("refused: %s", List.of(pairs)).isNotNull();
        assertThat(problem.type()).isEqualTo(ProblemType.INVALID_PARAMETER);
        return problem;
    }

    @Test
    void readsTheFirstPageOfTwentyMostRecentlyChangedFirstByDefault() {
        ListQuery query = queries.parse(parameters());

        assertThat(query.page()).isZero();
        assertThat(query.size()).isEqualTo(20);
        assertThat(query.order()).isEqualTo(ListQuery.Order.UPDATED);
        assertThat(query.status()).isNull();
        assertThat(query.q()).isNull();
        assertThat(query.mine()).isFalse();
        assertThat(query.codes()).isEmpty();
    }

    @Test
    void readsEveryFilterTogether() {
        ListQuery query = queries.parse(parameters("status", "SUBMITTED", "industry", "steel", "region", "hebei",
                "platformType", "cross-industry", "q", "  福田  ", "mine", "true", "page", "3", "size", "100",
                "sort", "submitted"));

        assertThat(query.status()).isEqualTo(EntryStatus.SUBMITTED);
        assertThat(query.codes()).containsEntry(PLATFORM_TYPE, "cross-industry").hasSize(3)
                .containsValues("steel", "hebei");
        assertThat(query.q()).isEqualTo("福田");
        assertThat(query.mine()).isTrue();
        assertThat(query.page()).isEqualTo(3);
        assertThat(query.size()).isEqualTo(100);
        assertThat(query.order()).isEqualTo(ListQuery.Order.SUBMITTED);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"size,0", "size,101", "size,-1", "size,ten", "size,''", "size,1.5", "page,-1", "page,x",
            "page,100001", "page,99999999999"})
    void refusesPagesAndSizesOutOfBounds(String name, String value) {
        assertThat(refusal(name, value).detail()).contains("'" + name + "'");
    }

    @Test
    void acceptsTheBoundsThemselves() {
        assertThat(queries.parse(parameters("size", "1")).size()).isEqualTo(1);
        assertThat(queries.parse(parameters("size", "100")).size()).isEqualTo(100);
        assertThat(queries.parse(parameters("page", "0")).page()).isZero();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"status,approved", "status,PUBLISHED", "status,''", "industry,Steel", "industry,petroleum",
            "region,shanghai", "region,''", "platformType,general", "mine,yes", "mine,1", "sort,UPDATED", "sort,price"})
    void refusesUnknownValuesAndSaysWhatIsKnown(String name, String value) {
        assertThat(refusal(name, value).detail()).contains("'" + name + "'");
    }

    @Test
    void listsTheKnownCodesWhenACodeIsUnknown() {
        assertThat(refusal("region", "shanghai").detail()).contains("beijing", "tianjin", "hebei");
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner[$ne]", "status[$ne]", "q[$regex]", "limit", "Status"})
    void refusesUnknownParameters(String name) {
        assertThat(refusal(name, "x").detail()).contains("unknown parameter");
    }

    @Test
    void refusesAParameterGivenTwice() {
        assertThat(refusal("status", "APPROVED", "status", "DRAFT").detail()).contains("'status'");
    }

    @Test
    void ignoresABlankSearchAndRefusesAnOverlongOne() {
        assertThat(queries.parse(parameters("q", "   ")).q()).isNull();
        assertThat(queries.parse(parameters("q", "x".repeat(100))).q()).hasSize(100);
        assertThat(refusal("q", "x".repeat(101)).detail()).contains("'q'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "line\nbreak", "bell\u0007", "escape\u001b[2J", "c1\u0085"})
    void refusesSearchTextWithControlCharacters(String q) {
        assertThat(refusal("q", q).detail()).contains("'q'").contains("control characters");
    }

    @Test
    void keepsSearchTextAsTheCallerTypedIt() {
        assertThat(queries.parse(parameters("q", "a.*(b)[c]")).q()).isEqualTo("a.*(b)[c]");
        assertThat(queries.parse(parameters("mine", "false")).mine()).isFalse();
        assertThat(queries.parse(parameters("sort", "name")).order()).isEqualTo(ListQuery.Order.NAME);
    }
}
