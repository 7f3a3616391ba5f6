package cn.beijing.iip.registry.core.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.beijing.iip.coretest.Sample;
import cn.beijing.iip.registry.core.entry.Decision;
import cn.beijing.iip.registry.core.entry.Requests;
import cn.beijing.iip.registry.core.problem.ProblemException;
import cn.beijing.iip.registry.problem.ProblemType;

class JsonBodiesTest {

    private final JsonBodies json = new JsonBodies();

    private ProblemException refusal(String body) {
        return refusal(body, Sample.class);
    }

    private ProblemException refusal(String body, Class<?> type) {
        ProblemException problem = catchThrowableOfType(ProblemException.class,
                () -> json.read(body.getBytes(StandardCharsets.UTF_8), type));
        assertThat(problem).as("refused: %s", body).isNotNull();
        assertThat(problem.detail()).doesNotContain("Exception", "tools.jackson", "com.fasterxml", "cn.beijing",
                "Sample", "java.lang");
        return problem;
    }

    @Test
    void readsAWellFormedBody() {
        Sample sample = json.read("""
                {"name":"Steel Cloud","industries":["steel"],"region":"beijing","devices":12,
                 "declaredRevenueCny":9007199254740993}""".getBytes(StandardCharsets.UTF_8), Sample.class);

        assertThat(sample.name()).isEqualTo("Steel Cloud");
        assertThat(sample.industries()).containsExactly("steel");
        assertThat(sample.devices()).isEqualTo(12L);
        assertThat(sample.declaredRevenueCny()).as("no precision lost").isEqualTo(9_007_199_254_740_993L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner", "status", "id", "version", "demo", "createdAt", "nam"})
    void refusesFieldsTheKindDoesNotHaveAndNamesThem(String field) {
        ProblemException problem = refusal("{\"name\":\"x\",\"" + field + "\":\"y\"}");

        assertThat(problem.type()).isEqualTo(ProblemType.UNKNOWN_FIELD);
        assertThat(problem.properties()).containsEntry("field", field);
        assertThat(problem.detail()).contains("'" + field + "'").contains("known fields").contains("declaredRevenueCny");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"name\":{\"$gt\":\"\"}}|name|a string",
            "{\"name\":[\"a\"]}|name|a string",
            "{\"name\":12}|name|a string",
            "{\"name\":true}|name|a string",
            "{\"name\":1.5}|name|a string",
            "{\"region\":{\"$ne\":null}}|region|a string",
            "{\"devices\":\"12\"}|devices|a whole number",
            "{\"devices\":\"\"}|devices|a whole number",
            "{\"devices\":true}|devices|a whole number",
            "{\"devices\":1.5}|devices|a whole number",
            "{\"devices\":12.0}|devices|a whole number",
            "{\"devices\":1e3}|devices|a whole number",
            "{\"devices\":{\"$gt\":0}}|devices|a whole number",
            "{\"industries\":\"steel\"}|industries|an array",
            "{\"industries\":\"\"}|industries|an array",
            "{\"industries\":[{\"$gt\":\"\"}]}|industries[0]|a string",
            "{\"industries\":[1]}|industries[0]|a string"})
    void refusesValuesOfTheWrongTypeAndNamesTheField(String body, String field, String expected) {
        ProblemException problem = refusal(body);

        assertThat(problem.type()).isEqualTo(ProblemType.WRONG_TYPE);
        assertThat(problem.properties()).containsEntry("field", field);
        assertThat(problem.detail()).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999", "-99999999999999999999", "9223372036854775808"})
    void refusesNumbersBeyondTheRangeOfALongAndNamesTheField(String number) {
        ProblemException problem = refusal("{\"name\":\"x\",\"declaredRevenueCny\":" + number + "}");

        assertThat(problem.type()).isEqualTo(ProblemType.WRONG_TYPE);
        assertThat(problem.properties()).containsEntry("field", "declaredRevenueCny");
        assertThat(problem.detail()).contains("declaredRevenueCny").contains("out of range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":", "{name:\"x\"}", "{'name':'x'}", "{\"name\":\"x\",}", "{\"name\":\"x\"} xyz",
            "{\"name\":\"x\"}{}", "{\"name\":\"x\"} []", "[]", "[{\"name\":\"x\"}]", "[1]", "\"name\"", "42", "true",
            "{\"name\":\"x\" /* note */}", "{\"name\":NaN}"})
    void refusesBodiesThatAreNotOneJsonObject(String body) {
        ProblemException problem = refusal(body);

        assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_JSON);
        assertThat(problem.properties()).doesNotContainKey("field");
    }

    @Test
    void refusesNullAndEmptyBodies() {
        assertThat(refusal("null").type()).isEqualTo(ProblemType.MALFORMED_JSON);
        assertThat(refusal("").type()).isEqualTo(ProblemType.MALFORMED_JSON);
        assertThat(refusal("  \n ").type()).isEqualTo(ProblemType.MALFORMED_JSON);
        assertThat(catchThrowableOfType(ProblemException.class, () -> json.read(null, Sample.class)).type())
                .isEqualTo(ProblemType.MALFORMED_JSON);
    }

    @Test
    void refusesAFieldGivenTwiceAndNamesIt() {
        ProblemException problem = refusal("{\"name\":\"a\",\"devices\":1,\"name\":\"b\"}");

        assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_JSON);
        assertThat(problem.detail()).contains("twice").contains("name");
        assertThat(problem.properties()).containsEntry("field", "name");
    }

    @Test
    void refusesDeeplyNestedInputWithoutFailingHard() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThat(refusal("{\"industries\":" + deep + "}").type().status()).isEqualTo(400);
    }

    @Test
    void refusesUnknownDecisionsAndListsTheKnownOnes() {
        ProblemException problem = refusal("{\"decision\":\"MAYBE\"}", Requests.Review.class);

        assertThat(problem.type()).isEqualTo(ProblemType.WRONG_TYPE);
        assertThat(problem.properties()).containsEntry("field", "decision");
        assertThat(problem.detail()).contains("APPROVE").contains("REJECT").contains("REQUEST_CHANGES");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"decision\":0}", "{\"decision\":\"approve\"}", "{\"decision\":\"\"}",
            "{\"decision\":[\"APPROVE\"]}"})
    void acceptsDecisionsOnlyByTheirExactName(String body) {
        ProblemException problem = refusal(body, Requests.Review.class);

        assertThat(problem.type()).isEqualTo(ProblemType.WRONG_TYPE);
        assertThat(problem.properties()).containsEntry("field", "decision");
    }

    @Test
    void readsADecisionByItsName() {
        Requests.Review review = json.read("{\"decision\":\"REQUEST_CHANGES\",\"comment\":\"add cases\"}"
                .getBytes(StandardCharsets.UTF_8), Requests.Review.class);

        assertThat(review.decision()).isEqualTo(Decision.REQUEST_CHANGES);
        assertThat(review.comment()).isEqualTo("add cases");
    }

    @Test
    void treatsAnEmptyOptionalBodyAsAbsent() {
        assertThat(json.readOptional(new byte[0], Requests.Note.class, Requests.Note.NONE)).isSameAs(Requests.Note.NONE);
        assertThat(json.readOptional(null, Requests.Note.class, Requests.Note.NONE)).isSameAs(Requests.Note.NONE);
        assertThat(json.readOptional("{\"comment\":\"hi\"}".getBytes(StandardCharsets.UTF_8), Requests.Note.class,
                Requests.Note.NONE).comment()).isEqualTo("hi");
    }

    @Test
    void storesFieldsWithoutNullsAndReadsThemBack() {
        Sample sample = new Sample("Steel Cloud", List.of("steel"), null, null, 5L, null);

        Map<String, Object> stored = json.toMap(sample);

        assertThat(stored).containsOnlyKeys("name", "industries", "devices");
        assertThat(json.fromMap(stored, Sample.class)).isEqualTo(sample);
    }

    @Test
    void readsStoredFieldsThatALaterVersionAdded() {
        Sample sample = json.fromMap(Map.of("name", "Steel Cloud", "addedLater", "x"), Sample.class);

        assertThat(sample.name()).isEqualTo("Steel Cloud");
    }

    @Test
    void fingerprintsEqualFieldsEquallyWhateverTheirOrder() {
        assertThat(json.canonical(Map.of("b", 1, "a", 2))).isEqualTo(json.canonical(new java.util.TreeMap<>(Map.of("a", 2, "b", 1))));
        assertThat(new String(json.canonical(Map.of("b", 1, "a", 2)), StandardCharsets.UTF_8)).isEqualTo("{\"a\":2,\"b\":1}");
    }
}
