package cn.beijing.iip.coretest;

import static cn.beijing.iip.registry.core.entry.EntryStatus.APPROVED;
import static cn.beijing.iip.registry.core.entry.EntryStatus.CHANGES_REQUESTED;
import static cn.beijing.iip.registry.core.entry.EntryStatus.DRAFT;
import static cn.beijing.iip.registry.core.entry.EntryStatus.REJECTED;
import static cn.beijing.iip.registry.core.entry.EntryStatus.REVOKED;
import static cn.beijing.iip.registry.core.entry.EntryStatus.SUBMITTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.testing.Codes;
import cn.beijing.iip.registry.problem.ProblemType;
import tools.jackson.databind.JsonNode;

/** Lists: pages, what each caller may see, filters, name search and order. */
class ListingIT extends ApiTest {

    private static final Instant T0 = Instant.parse("2023-01-01T00:00:00Z");

    private JsonNode list(String token, String query) {
        return expect(http.get("/api/platforms" + query).token(token).send(), 200).json();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    private static String q(String text) {
        return "?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private String insert(String name, EntryStatus status, String creditCode) {
        return insert(name, status, creditCode, T0, "steel", "beijing", 1_000_000L);
    }

    @Test
    void pagesTwentyAtATimeFromPageZeroAndCountsEveryMatch() {
        for (int i = 0; i < 25; i++) {
            insert(String.format("Cloud %02d", i), APPROVED, Codes.numbered(i), T0.plusSeconds(i), "steel", "beijing", 1L);
        }

        JsonNode first = list(null, "");
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(20);
        assertThat(first.get("total").asLong()).isEqualTo(25);
        assertThat(first.get("items")).hasSize(20);
        assertThat(names(first).getFirst()).as("most recently changed first").isEqualTo("Cloud 24");

        JsonNode second = list(null, "?page=1");
        assertThat(second.get("items")).hasSize(5);
        assertThat(second.get("total").asLong()).isEqualTo(25);
        assertThat(names(second).getLast()).isEqualTo("Cloud 00");
        assertThat(list(null, "?page=2").get("items")).isEmpty();
        assertThat(list(null, "?page=2").get("total").asLong()).isEqualTo(25);
        assertThat(list(null, "?size=100").get("items")).hasSize(25);
        assertThat(list(null, "?size=1&page=3").get("items")).singleElement()
                .satisfies(item -> assertThat(item.get("name").asString()).isEqualTo("Cloud 21"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"?size=0", "?size=101", "?size=-1", "?size=x", "?page=-1", "?page=x", "?page=1.5",
            "?size=20&size=30"})
    void refusesPagesAndSizesOutOfBounds(String query) {
        problem(http.get("/api/platforms" + query).send(), ProblemType.INVALID_PARAMETER);
    }

    @Test
    void showsEachCallerWhatTheyMaySee() {
        for (EntryStatus status : EntryStatus.values()) {
            insert("Alpha " + status, status, A);
        }
        insert("Beta DRAFT", DRAFT, B);
        insert("Beta APPROVED", APPROVED, B);

        assertThat(names(list(null, ""))).containsExactlyInAnyOrder("Alpha APPROVED", "Beta APPROVED");
        assertThat(names(list(alice, ""))).containsExactlyInAnyOrder("Alpha DRAFT", "Alpha SUBMITTED",
                "Alpha CHANGES_REQUESTED", "Alpha APPROVED", "Alpha REJECTED", "Alpha REVOKED", "Beta APPROVED");
        assertThat(names(list(bob, ""))).containsExactlyInAnyOrder("Beta DRAFT", "Beta APPROVED", "Alpha APPROVED");
        assertThat(list(reviewer, "").get("total").asLong()).isEqualTo(8);
        assertThat(list(admin, "").get("total").asLong()).isEqualTo(8);
        String signedUp = ISSUER.user("carol").claim("creditCode", A).claim("enterpriseName", "Alpha").sign();
        assertThat(names(list(signedUp, ""))).as("a claim without role ENTERPRISE shows nothing more")
                .containsExactlyInAnyOrder("Alpha APPROVED", "Beta APPROVED");
    }

    @Test
    void filtersByStatusIndustryRegionAndOwnershipAloneAndTogether() {
        insert("Steel Beijing", APPROVED, A, T0, "steel", "beijing", 1L);
        insert("Steel Hebei", APPROVED, B, T0, "steel", "hebei", 1L);
        insert("Auto Hebei", APPROVED, A, T0, "automotive", "hebei", 1L);
        insert("Auto Hebei Draft", DRAFT, A, T0, "automotive", "hebei", 1L);
        insert("Auto Tianjin Waiting", SUBMITTED, B, T0, "automotive", "tianjin", 1L);

        assertThat(names(list(null, "?industry=steel"))).containsExactlyInAnyOrder("Steel Beijing", "Steel Hebei");
        assertThat(names(list(null, "?region=hebei"))).containsExactlyInAnyOrder("Steel Hebei", "Auto Hebei");
        assertThat(names(list(null, "?industry=automotive&region=hebei"))).containsExactly("Auto Hebei");
        assertThat(names(list(alice, "?industry=automotive&region=hebei")))
                .containsExactlyInAnyOrder("Auto Hebei", "Auto Hebei Draft");
        assertThat(names(list(reviewer, "?status=SUBMITTED"))).containsExactly("Auto Tianjin Waiting");
        assertThat(names(list(null, "?status=SUBMITTED"))).isEmpty();
        assertThat(names(list(alice, "?mine=true"))).containsExactlyInAnyOrder("Steel Beijing", "Auto Hebei", "Auto Hebei Draft");
        assertThat(names(list(alice, "?mine=true&status=DRAFT"))).containsExactly("Auto Hebei Draft");
        assertThat(names(list(bob, "?mine=true&region=tianjin&industry=automotive&status=SUBMITTED")))
                .containsExactly("Auto Tianjin Waiting");
        assertThat(list(alice, "?mine=true&industry=automotive&region=hebei&q=draft").get("total").asLong()).isEqualTo(1);
        assertThat(list(alice, "?mine=false").get("total").asLong()).isEqualTo(4);
    }

    @Test
    void listsOneEnterprisesEntriesByItsCreditCodeWithinWhatTheCallerMaySee() {
        insert("A approved", APPROVED, A);
        insert("A draft", DRAFT, A);
        insert("B approved", APPROVED, B);

        assertThat(names(list(reviewer, "?owner=" + A + "&sort=name"))).containsExactly("A approved", "A draft");
        assertThat(names(list(null, "?owner=" + A))).containsExactly("A approved");
        assertThat(names(list(bob, "?owner=" + A))).containsExactly("A approved");
        assertThat(names(list(alice, "?owner=" + A + "&sort=name"))).containsExactly("A approved", "A draft");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "91110108MA01AAA01", "91110108MA01AAA01O"})
    void refusesAnOwnerThatIsNotACreditCode(String owner) {
        JsonNode problem = problem(http.get("/api/platforms?owner=" + owner).send(), ProblemType.INVALID_CREDIT_CODE);

        assertThat(problem.get("detail").asString()).contains("credit code");
        problem(http.get("/api/platforms?owner=" + A + "&mine=true").token(alice).send(), ProblemType.INVALID_PARAMETER);
    }

    @Test
    void asksAnAnonymousCallerWhoseEntriesMineMeans() {
        problem(http.get("/api/platforms?mine=true").send(), ProblemType.UNAUTHORIZED);
        problem(http.get("/api/platforms?mine=true").token(reviewer).send(), ProblemType.FORBIDDEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?status=approved", "?status=PUBLISHED", "?industry=petroleum", "?industry=Steel",
            "?region=shanghai", "?region=", "?status%5B%24ne%5D=DRAFT", "?sort=price", "?mine=yes",
            "?platformType=cross-industry"})
    void refusesUnknownValuesAndParametersForEveryone(String query) {
        for (String token : new String[] {null, alice, reviewer, admin}) {
            JsonNode problem = problem(http.get("/api/platforms" + query).token(token).send(), ProblemType.INVALID_PARAMETER);
            assertThat(problem.get("detail").asString()).isNotBlank();
        }
    }

    @Test
    void findsAChineseNameByAnyPartOfIt() {
        insert("北汽福田车联网平台", APPROVED, A);
        insert("福特汽车云", APPROVED, B);
        insert("Foton Vehicle Cloud", APPROVED, Codes.ENTERPRISE_C);

        assertThat(names(list(null, q("福田")))).containsExactly("北汽福田车联网平台");
        assertThat(names(list(null, q("车联网")))).containsExactly("北汽福田车联网平台");
        assertThat(names(list(null, q("北汽福田车联网平台")))).containsExactly("北汽福田车联网平台");
        assertThat(names(list(null, q("平台")))).containsExactly("北汽福田车联网平台");
        assertThat(names(list(null, q("福")))).containsExactlyInAnyOrder("北汽福田车联网平台", "福特汽车云");
        assertThat(names(list(null, q("福田汽车")))).isEmpty();
    }

    @Test
    void findsNamesWhateverTheCaseWidthOrSpacingOfTheSearch() {
        insert("Foton Vehicle Cloud", APPROVED, A);

        for (String search : List.of("vehicle", "VEHICLE", "Foton Vehicle", "ｆｏｔｏｎ", "FOTON   vehicle", " cloud ",
                "ton veh")) {
            assertThat(names(list(null, q(search)))).as(search).containsExactly("Foton Vehicle Cloud");
        }
        assertThat(names(list(null, q("Connected furnaces")))).as("the description is not searched").isEmpty();
    }

    @Test
    void searchesForRegularExpressionCharactersLiterally() {
        for (String name : List.of("A.C Platform", "ABC Platform", "C++ Cloud", "(Beta) Cloud", "50% Cloud",
                "Back\\slash Cloud", "[Edge] Cloud", "Cost $ Cloud")) {
            insert(name, APPROVED, Codes.numbered(name.length() * 31 + name.charAt(0)));
        }

        assertThat(names(list(null, q("a.c")))).containsExactly("A.C Platform");
        assertThat(names(list(null, q("c++")))).containsExactly("C++ Cloud");
        assertThat(names(list(null, q("(beta)")))).containsExactly("(Beta) Cloud");
        assertThat(names(list(null, q("50%")))).containsExactly("50% Cloud");
        assertThat(names(list(null, q("k\\s")))).containsExactly("Back\\slash Cloud");
        assertThat(names(list(null, q("[edge]")))).containsExactly("[Edge] Cloud");
        assertThat(names(list(null, q("$")))).containsExactly("Cost $ Cloud");
        for (String pattern : List.of(".*", "^A", "Cloud$", "[a-z]", "(?i)", "\\d", "*", "?", "{2}", "|", "\\Q", "a{1,}")) {
            assertThat(list(null, q(pattern)).get("total").asLong()).as(pattern).isZero();
        }
    }

    @Test
    void refusesAnOverlongSearch() {
        problem(http.get("/api/platforms" + q("x".repeat(101))).send(), ProblemType.INVALID_PARAMETER);
        assertThat(list(null, q("x".repeat(100))).get("total").asLong()).isZero();
    }

    @Test
    void ordersByChangeByNameOrByTimeWaiting() {
        insert("Bravo", SUBMITTED, A, T0.plus(Duration.ofDays(2)), "steel", "beijing", 1L);
        insert("alpha", SUBMITTED, B, T0.plus(Duration.ofDays(3)), "steel", "beijing", 1L);
        insert("Charlie", SUBMITTED, Codes.ENTERPRISE_C, T0.plus(Duration.ofDays(1)), "steel", "beijing", 1L);

        assertThat(names(list(reviewer, ""))).containsExactly("alpha", "Bravo", "Charlie");
        assertThat(names(list(reviewer, "?sort=updated"))).containsExactly("alpha", "Bravo", "Charlie");
        assertThat(names(list(reviewer, "?sort=name"))).containsExactly("alpha", "Bravo", "Charlie");
        assertThat(names(list(reviewer, "?sort=submitted"))).containsExactly("Charlie", "Bravo", "alpha");
    }

    @Test
    void listsEntriesAsTheyAreReadOneByOne() {
        String id = approved("Steel Cloud");

        JsonNode item = list(null, "").get("items").get(0);

        assertThat(item).isEqualTo(expect(http.get("/api/platforms/" + id).send(), 200).json());
        assertThat(list(null, "?status=APPROVED&industry=steel&region=beijing&q=steel").get("total").asLong()).isEqualTo(1);
    }

    @Test
    void listsRejectedChangesRequestedAndRevokedEntriesToTheirOwnerOnly() {
        insert("Alpha Rejected", REJECTED, A);
        insert("Alpha Changes", CHANGES_REQUESTED, A);
        insert("Alpha Revoked", REVOKED, A);

        assertThat(list(null, "").get("total").asLong()).isZero();
        assertThat(list(bob, "").get("total").asLong()).isZero();
        assertThat(names(list(alice, "?status=REVOKED"))).containsExactly("Alpha Revoked");
    }
}
