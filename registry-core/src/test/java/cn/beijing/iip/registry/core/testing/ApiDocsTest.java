package cn.beijing.iip.registry.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.kind.CodeFilter;
import cn.beijing.iip.registry.plan.Plan;
import cn.beijing.iip.registry.problem.ProblemType;
import cn.beijing.iip.registry.taxonomy.Taxonomies;
import tools.jackson.databind.JsonNode;

/**
 * What a developer who opens a service's {@code /v3/api-docs} (or generates a client from it) must
 * find: every call of the kind, its bodies with the kind's fields and rules, its answers including
 * the problem types, its headers and list parameters, and which calls need a token.
 */
public abstract class ApiDocsTest extends ServiceApiTest {

    private static final String BEARER = "bearer-jwt";

    @Autowired
    protected Taxonomies taxonomies;

    @Autowired
    protected Plan plan;

    protected ApiDocs docs;

    @BeforeEach
    void readTheDocument() {
        Http.Response response = expect(http.get("/v3/api-docs").send(), 200);
        assertThat(response.contentType()).startsWith("application/json");
        docs = new ApiDocs(response.json());
    }

    /** The fields a complete entry of this kind has, as CONTRACT.md gives them. */
    protected abstract List<String> contractFields();

    @Test
    void documentsEveryCallOfTheKindOnce() {
        String list = path();
        String one = path("{id}");

        assertThat(docs.methods(list)).containsExactlyInAnyOrder("get", "post");
        assertThat(docs.methods(one)).containsExactlyInAnyOrder("get", "put", "delete");
        for (String action : List.of("submit", "withdraw", "review", "revoke", "reopen")) {
            assertThat(docs.methods(path("{id}", action))).as(action).containsExactly("post");
        }
        assertThat(docs.methods(path("{id}", "history"))).containsExactly("get");
        assertThat(docs.paths()).doesNotContain(list + "/", "/error");
        assertThat(docs.danglingRefs()).isEmpty();
    }

    @Test
    void namesThePlanItServes() {
        JsonNode info = docs.document().get("info");

        assertThat(info.get("title").asString()).contains(kind.kind().code());
        assertThat(info.get("description").asString()).contains(plan.title(), plan.titleZh(), plan.deadline().toString());
        plan.counting(kind.kind()).forEach(target ->
                assertThat(info.get("description").asString()).contains(target.title()));
    }

    @Test
    void describesTheCreateAndUpdateBodiesWithTheKindsFields() {
        JsonNode body = docs.requestSchema("post", path());

        List<String> fields = Arrays.stream(kind.fieldsType().getRecordComponents()).map(RecordComponent::getName).toList();
        assertThat(body.get("properties").propertyNames()).containsExactlyElementsOf(fields);
        assertThat(body.get("properties").propertyNames()).containsAll(contractFields());
        assertThat(ApiDocs.strings(body.get("required"))).containsExactly("name");
        assertThat(body.get("additionalProperties").asBoolean()).isFalse();
        assertThat(body.get("properties").get("name").get("maxLength").asInt()).isEqualTo(200);
        assertThat(docs.requestSchema("put", path("{id}"))).isEqualTo(body);
        assertThat(docs.operation("post", path()).path("requestBody").path("required").asBoolean()).isTrue();
    }

    @Test
    void listsWhatSubmitRequiresBesideTheName() {
        JsonNode body = docs.requestSchema("post", path());
        String submit = docs.operation("post", path("{id}", "submit")).get("description").asString();

        for (String field : contractFields()) {
            if (!field.equals("name")) {
                assertThat(body.get("properties").get(field).path("x-required-to-submit").asBoolean()).as(field).isTrue();
                assertThat(submit).contains(field);
                assertThat(body.get("description").asString()).contains(field);
            }
        }
    }

    @Test
    void offersTheTaxonomyCodesWhereverACodeIsExpected() {
        JsonNode body = docs.requestSchema("post", path());

        assertThat(ApiDocs.strings(body.get("properties").get("industries").get("items").get("enum")))
                .containsExactlyElementsOf(taxonomies.get(Taxonomies.INDUSTRIES).codes());
        assertThat(ApiDocs.strings(body.get("properties").get("region").get("enum")))
                .containsExactly("beijing", "tianjin", "hebei");
        assertThat(body.get("properties").get("declaredRevenueCny").get("minimum").asLong()).isZero();
    }

    @Test
    void documentsTheEntryAndThePageAnEnterpriseReadsBack() {
        JsonNode entry = docs.resolve(docs.response("get", path("{id}"), 200).path("content").path("application/json")
                .path("schema"));

        assertThat(entry.get("properties").propertyNames()).contains("id", "kind", "status", "version", "owner", "demo",
                "createdAt", "updatedAt", "submittedAt").containsAll(contractFields());
        assertThat(ApiDocs.strings(entry.get("properties").get("status").get("enum")))
                .containsExactlyElementsOf(Arrays.stream(EntryStatus.values()).map(Enum::name).toList());
        assertThat(docs.resolve(entry.get("properties").get("owner")).get("properties").propertyNames())
                .containsExactlyInAnyOrder("creditCode", "name");

        JsonNode page = docs.resolve(docs.response("get", path(), 200).path("content").path("application/json").path("schema"));
        assertThat(page.get("properties").propertyNames()).containsExactlyInAnyOrder("items", "page", "size", "total");
        assertThat(page.get("properties").get("items").get("items")).isEqualTo(
                docs.response("get", path("{id}"), 200).path("content").path("application/json").path("schema"));
    }

    @Test
    void documentsTheReviewAndRevokeBodies() {
        JsonNode review = docs.requestSchema("post", path("{id}", "review"));
        assertThat(ApiDocs.strings(review.get("properties").get("decision").get("enum")))
                .containsExactly("APPROVE", "REJECT", "REQUEST_CHANGES");
        assertThat(ApiDocs.strings(review.get("required"))).containsExactly("decision");

        JsonNode revoke = docs.requestSchema("post", path("{id}", "revoke"));
        assertThat(ApiDocs.strings(revoke.get("required"))).containsExactly("reason");
    }

    @Test
    void answersErrorsAsProblemDetailsWithTheirTypes() {
        for (int status : List.of(400, 401, 403, 409, 413, 415, 503)) {
            JsonNode response = docs.response("post", path(), status);
            assertThat(response.path("content").path("application/problem+json").path("schema").path("$ref").asString())
                    .as("create %d", status).endsWith("/Problem");
        }
        assertThat(docs.problemTypes("post", path(), 400)).contains(uri(ProblemType.VALIDATION),
                uri(ProblemType.UNKNOWN_FIELD), uri(ProblemType.WRONG_TYPE), uri(ProblemType.MALFORMED_JSON));
        assertThat(docs.problemTypes("post", path(), 403)).contains(uri(ProblemType.VERIFICATION_PENDING));
        assertThat(docs.problemTypes("post", path(), 409)).contains(uri(ProblemType.DUPLICATE_NAME));
        assertThat(docs.problemTypes("put", path("{id}"), 412)).containsExactly(uri(ProblemType.PRECONDITION_FAILED));
        assertThat(docs.problemTypes("put", path("{id}"), 428)).containsExactly(uri(ProblemType.PRECONDITION_REQUIRED));
        assertThat(docs.problemTypes("get", path("{id}"), 404)).containsExactly(uri(ProblemType.NOT_FOUND));
        assertThat(docs.problemTypes("post", path("{id}", "submit"), 400)).contains(uri(ProblemType.INCOMPLETE));
        assertThat(docs.problemTypes("post", path("{id}", "submit"), 409)).contains(uri(ProblemType.ILLEGAL_TRANSITION));
        assertThat(docs.problemTypes("post", path("{id}", "review"), 403)).contains(uri(ProblemType.OWN_ENTERPRISE));
        assertThat(docs.problemTypes("get", path(), 400)).containsExactly(uri(ProblemType.INVALID_PARAMETER));
        assertThat(docs.response("get", path("{id}"), 503).path("headers").has("Retry-After")).isTrue();

        JsonNode problem = docs.component("Problem");
        assertThat(ApiDocs.strings(problem.get("required"))).contains("type", "title", "status", "detail");
        assertThat(ApiDocs.strings(problem.get("properties").get("type").get("enum")))
                .containsExactlyElementsOf(Arrays.stream(ProblemType.values()).map(ApiDocsTest::uri).toList());
    }

    @Test
    void documentsTheHeadersOfVersionsAndRetries() {
        assertThat(docs.parameter("put", path("{id}"), "If-Match").get("required").asBoolean()).isTrue();
        assertThat(docs.parameter("post", path("{id}", "submit"), "If-Match").get("required").asBoolean()).isFalse();
        assertThat(docs.parameter("post", path(), "Idempotency-Key").get("in").asString()).isEqualTo("header");
        assertThat(docs.response("post", path(), 201).get("headers").propertyNames()).contains("Location", "ETag");
        assertThat(docs.response("post", path(), 200).get("headers").propertyNames()).contains("Idempotent-Replayed");
        assertThat(docs.response("get", path("{id}"), 200).get("headers").propertyNames()).contains("ETag");
        assertThat(docs.response("delete", path("{id}"), 204)).isNotNull();
    }

    @Test
    void listsTheFiltersWithTheirAllowedValues() {
        assertThat(ApiDocs.strings(docs.parameter("get", path(), "status").get("schema").get("enum")))
                .containsExactlyElementsOf(Arrays.stream(EntryStatus.values()).map(Enum::name).toList());
        assertThat(ApiDocs.strings(docs.parameter("get", path(), "industry").get("schema").get("enum")))
                .containsExactlyElementsOf(taxonomies.get(Taxonomies.INDUSTRIES).codes());
        assertThat(ApiDocs.strings(docs.parameter("get", path(), "region").get("schema").get("enum")))
                .containsExactly("beijing", "tianjin", "hebei");
        for (CodeFilter filter : kind.filters()) {
            assertThat(ApiDocs.strings(docs.parameter("get", path(), filter.parameter()).get("schema").get("enum")))
                    .containsExactlyElementsOf(taxonomies.get(filter.taxonomy()).codes());
        }
        JsonNode size = docs.parameter("get", path(), "size").get("schema");
        assertThat(size.get("minimum").asInt()).isEqualTo(1);
        assertThat(size.get("maximum").asInt()).isEqualTo(100);
        JsonNode owner = docs.parameter("get", path(), "owner").get("schema");
        assertThat(owner.get("minLength").asInt()).isEqualTo(18);
        assertThat(owner.get("maxLength").asInt()).isEqualTo(18);
        assertThat(docs.operation("get", path()).get("parameters").findValuesAsString("name"))
                .containsExactlyInAnyOrderElementsOf(listParameters());
    }

    @Test
    void asksForABearerTokenOnEveryWrite() {
        JsonNode scheme = docs.document().get("components").get("securitySchemes").get(BEARER);
        assertThat(scheme.get("type").asString()).isEqualTo("http");
        assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
        assertThat(scheme.get("bearerFormat").asString()).isEqualTo("JWT");

        for (String[] write : List.of(new String[] {"post", path()}, new String[] {"put", path("{id}")},
                new String[] {"delete", path("{id}")}, new String[] {"post", path("{id}", "submit")},
                new String[] {"post", path("{id}", "review")}, new String[] {"post", path("{id}", "revoke")})) {
            JsonNode security = docs.operation(write[0], write[1]).get("security");
            assertThat(security).as(write[0] + " " + write[1]).hasSize(1);
            assertThat(security.get(0).has(BEARER)).isTrue();
        }
        JsonNode read = docs.operation("get", path("{id}")).get("security");
        assertThat(read).hasSize(2);
        assertThat(read.get(0).isEmpty()).as("a read works without a token").isTrue();
    }

    private Set<String> listParameters() {
        Set<String> names = new java.util.TreeSet<>(Set.of("status", "industry", "region", "q", "mine", "owner", "page", "size", "sort"));
        kind.filters().forEach(filter -> names.add(filter.parameter()));
        return names;
    }

    protected static String uri(ProblemType type) {
        return type.uri().toString();
    }
}
