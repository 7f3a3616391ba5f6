package cn.beijing.iip.registry.core.openapi;

import static cn.beijing.iip.registry.problem.ProblemType.CONCURRENT_CHANGE;
import static cn.beijing.iip.registry.problem.ProblemType.DUPLICATE_NAME;
import static cn.beijing.iip.registry.problem.ProblemType.FORBIDDEN;
import static cn.beijing.iip.registry.problem.ProblemType.IDEMPOTENCY_KEY_REUSED;
import static cn.beijing.iip.registry.problem.ProblemType.IDENTITY_UNAVAILABLE;
import static cn.beijing.iip.registry.problem.ProblemType.ILLEGAL_TRANSITION;
import static cn.beijing.iip.registry.problem.ProblemType.INCOMPLETE;
import static cn.beijing.iip.registry.problem.ProblemType.INVALID_PARAMETER;
import static cn.beijing.iip.registry.problem.ProblemType.INVALID_TOKEN_CLAIM;
import static cn.beijing.iip.registry.problem.ProblemType.MALFORMED_JSON;
import static cn.beijing.iip.registry.problem.ProblemType.NOT_FOUND;
import static cn.beijing.iip.registry.problem.ProblemType.OWN_ENTERPRISE;
import static cn.beijing.iip.registry.problem.ProblemType.PAYLOAD_TOO_LARGE;
import static cn.beijing.iip.registry.problem.ProblemType.PRECONDITION_FAILED;
import static cn.beijing.iip.registry.problem.ProblemType.PRECONDITION_REQUIRED;
import static cn.beijing.iip.registry.problem.ProblemType.STORE_UNAVAILABLE;
import static cn.beijing.iip.registry.problem.ProblemType.UNAUTHORIZED;
import static cn.beijing.iip.registry.problem.ProblemType.UNKNOWN_FIELD;
import static cn.beijing.iip.registry.problem.ProblemType.UNSUPPORTED_MEDIA_TYPE;
import static cn.beijing.iip.registry.problem.ProblemType.VALIDATION;
import static cn.beijing.iip.registry.problem.ProblemType.VERIFICATION_PENDING;
import static cn.beijing.iip.registry.problem.ProblemType.WRONG_TYPE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;

import cn.beijing.iip.registry.core.entry.EntryController;
import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.entry.ListQueries;
import cn.beijing.iip.registry.core.entry.ListQuery;
import cn.beijing.iip.registry.core.figures.FiguresController;
import cn.beijing.iip.registry.core.kind.CodeFilter;
import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.core.security.Operation;
import cn.beijing.iip.registry.identity.CreditCode;
import cn.beijing.iip.registry.identity.Roles;
import cn.beijing.iip.registry.problem.ProblemType;
import cn.beijing.iip.registry.taxonomy.Taxonomies;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OperationCustomizer;

/**
 * Documents each call of the entry API. The controller reads raw bytes (so that every body is parsed
 * strictly, in one place), which leaves springdoc nothing to infer: bodies, answers, headers and
 * parameters are described here from the kind's definition, its fields record and the problem types.
 */
final class EntryOperations implements OperationCustomizer {

    static final String BEARER = "bearer-jwt";
    static final String ETAG = "ETag";
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private final KindDefinition<?> kind;
    private final Taxonomies taxonomies;
    private final ListQueries queries;
    private final EntryComponents components;

    EntryOperations(KindDefinition<?> kind, Taxonomies taxonomies, ListQueries queries, EntryComponents components) {
        this.kind = kind;
        this.taxonomies = taxonomies;
        this.queries = queries;
        this.components = components;
    }

    @Override
    public io.swagger.v3.oas.models.Operation customize(io.swagger.v3.oas.models.Operation operation,
            HandlerMethod handler) {
        if (handler.getBeanType() == FiguresController.class) {
            return figures(operation);
        }
        if (handler.getBeanType() != EntryController.class) {
            return operation;
        }
        String method = handler.getMethod().getName();
        String one = components.singular();
        String noun = components.noun();
        String many = kind.kind().code();
        io.swagger.v3.oas.models.Operation documented = new io.swagger.v3.oas.models.Operation()
                .tags(new ArrayList<>(List.of(many)))
                .responses(new ApiResponses());
        switch (method) {
            case "list" -> list(documented.operationId("list" + components.plural())
                    .summary("List " + many)
                    .description("Anonymous callers see APPROVED entries; enterprises also see their own in any state;"
                            + " REVIEWER and ADMIN see all. Filters combine with AND."));
            case "create" -> create(documented.operationId("create" + one)
                    .summary("Register a " + noun + " as a draft")
                    .description("The owner is the caller's enterprise, from the token, never from the body. A draft"
                            + " needs only a name; submit checks that everything else is there. "
                            + role(Operation.CREATE)));
            case "get" -> read(documented.operationId("get" + one).summary("Read one " + noun)
                    .description("APPROVED entries are open to everyone; other states only to the owner, REVIEWER and"
                            + " ADMIN - anyone else gets 404, so nobody learns what exists."));
            case "update" -> update(documented.operationId("update" + one).summary("Change a " + noun + "'s fields")
                    .description("Replaces all fields, in DRAFT, CHANGES_REQUESTED or REJECTED. If-Match must carry"
                            + " the ETag of the last read, so a concurrent change is never overwritten. "
                            + role(Operation.UPDATE)));
            case "delete" -> delete(documented.operationId("delete" + one).summary("Delete a draft")
                    .description("Only drafts; anything once submitted stays on record. " + role(Operation.DELETE)));
            case "submit" -> transition(documented.operationId("submit" + one).summary("Submit for review")
                    .description("DRAFT, CHANGES_REQUESTED or REJECTED to SUBMITTED. Checks completeness: 400"
                            + " `incomplete` names every field missing or wrong. Required to submit: "
                            + String.join(", ", components.requiredToSubmit()) + ". " + role(Operation.SUBMIT)),
                    Operation.SUBMIT, false, INCOMPLETE);
            case "withdraw" -> transition(documented.operationId("withdraw" + one).summary("Withdraw a submission")
                    .description("SUBMITTED back to DRAFT, e.g. to change it. " + role(Operation.WITHDRAW)),
                    Operation.WITHDRAW, false);
            case "review" -> transition(documented.operationId("review" + one).summary("Decide on a submission")
                    .description("SUBMITTED to APPROVED, REJECTED or CHANGES_REQUESTED. A comment is required unless"
                            + " the decision is APPROVE. Never on an entry of the reviewer's own enterprise (403"
                            + " `own-enterprise`). " + role(Operation.REVIEW)),
                    Operation.REVIEW, true, OWN_ENTERPRISE);
            case "revoke" -> transition(documented.operationId("revoke" + one).summary("Revoke an approval")
                    .description("APPROVED to REVOKED, with a reason; the entry stops counting towards the plan's"
                            + " targets. " + role(Operation.REVOKE)),
                    Operation.REVOKE, true);
            case "reopen" -> transition(documented.operationId("reopen" + one).summary("Reopen a revoked entry")
                    .description("REVOKED to DRAFT, so the owner can apply again. " + role(Operation.REOPEN)),
                    Operation.REOPEN, false);
            case "history" -> history(documented.operationId("get" + one + "History").summary("Read the audit trail")
                    .description("Every state change, oldest first; creation is the first row (`from` null). For the"
                            + " owner, REVIEWER and ADMIN."));
            default -> {
                return operation;
            }
        }
        return documented;
    }

    /** The gateway's source for the progress view; inside the cluster only. */
    private static io.swagger.v3.oas.models.Operation figures(io.swagger.v3.oas.models.Operation operation) {
        operation.tags(new ArrayList<>(List.of("internal"))).operationId("figures")
                .summary("Counted figures of this kind, for the gateway's progress view")
                .description("Entries per state, the targets this service reports, the oldest waiting submission and"
                        + " each enterprise's largest approved revenue, recounted every few seconds. The gateway"
                        + " calls it directly; it is not routed to the public.");
        problems(operation, STORE_UNAVAILABLE);
        return operation;
    }

    private void list(io.swagger.v3.oas.models.Operation operation) {
        operation.addParametersItem(query("status", "Only entries in this state",
                Schemas.oneOf(Arrays.stream(EntryStatus.values()).map(Enum::name).toList())));
        for (CodeFilter filter : queries.filters()) {
            operation.addParametersItem(query(filter.parameter(), "Only entries whose " + filter.field()
                    + (components.isList(filter.field()) ? " include" : " is") + " this code of the "
                    + filter.taxonomy() + " taxonomy",
                    Schemas.oneOf(taxonomies.get(filter.taxonomy()).codes())));
        }
        Schema<Object> q = Schemas.string();
        q.setMaxLength(ListQueries.MAX_QUERY_LENGTH);
        operation.addParametersItem(query("q", "Case-insensitive search for any part of the name (Chinese too)", q));
        operation.addParametersItem(query("mine", "Only the caller's own entries, in any state (needs an enterprise"
                + " token)", Schemas.bool()._default(false)));
        Schema<Object> owner = Schemas.string();
        owner.setMinLength(CreditCode.LENGTH);
        owner.setMaxLength(CreditCode.LENGTH);
        operation.addParametersItem(query("owner", "Only the entries of the enterprise with this unified social credit"
                + " code (18 characters, GB 32100-2015 check character; a wrong code is 400 invalid-credit-code),"
                + " within what the caller may see", owner));
        operation.addParametersItem(query("page", "Page number, from 0", bounded(0, ListQueries.MAX_PAGE, 0)));
        operation.addParametersItem(query("size", "Entries per page", bounded(1, ListQuery.MAX_SIZE, ListQuery.DEFAULT_SIZE)));
        operation.addParametersItem(query("sort", "updated: most recently changed first; name; submitted: longest"
                + " waiting first (the review queue)", Schemas.oneOf(Arrays.stream(ListQuery.Order.values())
                .map(order -> order.name().toLowerCase(Locale.ROOT)).toList())._default("updated")));
        operation.setSecurity(optionalToken());
        operation.getResponses().addApiResponse("200", json("One page of " + kind.kind().code(),
                Schemas.ref(components.pageSchema())));
        problems(operation, INVALID_PARAMETER, UNAUTHORIZED, FORBIDDEN, INVALID_TOKEN_CLAIM, VERIFICATION_PENDING,
                STORE_UNAVAILABLE, IDENTITY_UNAVAILABLE);
    }

    private void create(io.swagger.v3.oas.models.Operation operation) {
        Schema<Object> key = Schemas.string();
        key.setMinLength(1);
        key.setMaxLength(255);
        key.setPattern("^[\\x20-\\x7E]{1,255}$");
        operation.addParametersItem(new Parameter().in("header").name(EntryController.IDEMPOTENCY_KEY).required(false)
                .description("Makes a retry safe: the same key with the same body answers the entry made the first"
                        + " time (200, Idempotent-Replayed: true); with another body, 422. A UUID is a good key.")
                .schema(key));
        operation.requestBody(body(components.fieldsSchema(), true, "The " + components.noun() + "'s fields"));
        operation.setSecurity(token());
        ApiResponse created = json("Created as a DRAFT", Schemas.ref(components.entrySchema()));
        created.addHeaderObject(HttpHeaders.LOCATION, new Header().description("Path of the new entry, as the gateway"
                + " publishes it").schema(Schemas.string("uri-reference")));
        created.addHeaderObject(ETAG, etag());
        operation.getResponses().addApiResponse("201", created);
        ApiResponse replayed = json("A retry with the same Idempotency-Key and body: the entry made the first time",
                Schemas.ref(components.entrySchema()));
        replayed.addHeaderObject(HttpHeaders.LOCATION, new Header().schema(Schemas.string("uri-reference")));
        replayed.addHeaderObject(ETAG, etag());
        replayed.addHeaderObject(IDEMPOTENT_REPLAYED, new Header().schema(Schemas.oneOf(List.of("true"))));
        operation.getResponses().addApiResponse("200", replayed);
        List<ProblemType> problems = new ArrayList<>(List.of(MALFORMED_JSON, UNKNOWN_FIELD, WRONG_TYPE, VALIDATION,
                INVALID_PARAMETER, UNAUTHORIZED, FORBIDDEN, VERIFICATION_PENDING, INVALID_TOKEN_CLAIM, DUPLICATE_NAME));
        kind.uniqueRules().forEach(rule -> problems.add(rule.problem()));
        problems.addAll(List.of(PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, IDEMPOTENCY_KEY_REUSED, STORE_UNAVAILABLE,
                IDENTITY_UNAVAILABLE));
        problems(operation, problems.toArray(ProblemType[]::new));
    }

    private void read(io.swagger.v3.oas.models.Operation operation) {
        operation.addParametersItem(id());
        operation.setSecurity(optionalToken());
        ApiResponse ok = json("The entry", Schemas.ref(components.entrySchema()));
        ok.addHeaderObject(ETAG, etag());
        operation.getResponses().addApiResponse("200", ok);
        problems(operation, UNAUTHORIZED, NOT_FOUND, STORE_UNAVAILABLE, IDENTITY_UNAVAILABLE);
    }

    private void update(io.swagger.v3.oas.models.Operation operation) {
        operation.addParametersItem(id());
        operation.addParametersItem(ifMatch(true));
        operation.requestBody(body(components.fieldsSchema(), true, "All of the " + components.noun()
                + "'s fields; what is left out is cleared"));
        operation.setSecurity(token());
        ApiResponse ok = json("The changed entry, one version on", Schemas.ref(components.entrySchema()));
        ok.addHeaderObject(ETAG, etag());
        operation.getResponses().addApiResponse("200", ok);
        problems(operation, MALFORMED_JSON, UNKNOWN_FIELD, WRONG_TYPE, VALIDATION, UNAUTHORIZED, FORBIDDEN,
                VERIFICATION_PENDING, INVALID_TOKEN_CLAIM, NOT_FOUND, ILLEGAL_TRANSITION, DUPLICATE_NAME,
                PRECONDITION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, PRECONDITION_REQUIRED, STORE_UNAVAILABLE,
                IDENTITY_UNAVAILABLE);
    }

    private void delete(io.swagger.v3.oas.models.Operation operation) {
        operation.addParametersItem(id());
        operation.addParametersItem(ifMatch(false));
        operation.setSecurity(token());
        operation.getResponses().addApiResponse("204", new ApiResponse().description("Deleted"));
        problems(operation, UNAUTHORIZED, FORBIDDEN, VERIFICATION_PENDING, INVALID_TOKEN_CLAIM, NOT_FOUND,
                ILLEGAL_TRANSITION, PRECONDITION_FAILED, STORE_UNAVAILABLE, IDENTITY_UNAVAILABLE);
    }

    private void transition(io.swagger.v3.oas.models.Operation operation, Operation call, boolean bodyRequired,
            ProblemType... own) {
        operation.addParametersItem(id());
        operation.addParametersItem(ifMatch(false));
        String schema = switch (call) {
            case REVIEW -> EntryComponents.REVIEW;
            case REVOKE -> EntryComponents.REVOKE;
            default -> EntryComponents.NOTE;
        };
        operation.requestBody(body(schema, bodyRequired, bodyRequired ? null : "Optional: a comment for the audit trail"));
        operation.setSecurity(token());
        ApiResponse ok = json("The entry in its new state", Schemas.ref(components.entrySchema()));
        ok.addHeaderObject(ETAG, etag());
        operation.getResponses().addApiResponse("200", ok);
        List<ProblemType> problems = new ArrayList<>(List.of(MALFORMED_JSON, UNKNOWN_FIELD, WRONG_TYPE, VALIDATION,
                UNAUTHORIZED, FORBIDDEN, NOT_FOUND, ILLEGAL_TRANSITION, CONCURRENT_CHANGE, PRECONDITION_FAILED,
                PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, STORE_UNAVAILABLE, IDENTITY_UNAVAILABLE));
        if (Roles.ENTERPRISE.equals(call.role())) {
            problems.addAll(List.of(VERIFICATION_PENDING, INVALID_TOKEN_CLAIM));
        }
        problems.addAll(List.of(own));
        problems(operation, problems.toArray(ProblemType[]::new));
    }

    private void history(io.swagger.v3.oas.models.Operation operation) {
        operation.addParametersItem(id());
        operation.setSecurity(optionalToken());
        operation.getResponses().addApiResponse("200", json("The audit trail, oldest first",
                Schemas.array(Schemas.ref(EntryComponents.HISTORY_ROW))));
        problems(operation, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, STORE_UNAVAILABLE, IDENTITY_UNAVAILABLE);
    }

    private static String role(Operation call) {
        return "Needs role " + call.role() + ".";
    }

    private static Parameter id() {
        return new Parameter().in("path").name("id").required(true).description("The entry's id")
                .schema(Schemas.string("uuid"));
    }

    private static Parameter ifMatch(boolean required) {
        return new Parameter().in("header").name(HttpHeaders.IF_MATCH).required(required)
                .description(required
                        ? "The ETag of the last read (\"<version>\"); without it 428, when stale 412"
                        : "Optional: the ETag of the last read (\"<version>\"); when stale 412")
                .schema(Schemas.string()).example("\"3\"");
    }

    private static Parameter query(String name, String description, Schema<?> schema) {
        return new Parameter().in("query").name(name).required(false).description(description).schema(schema);
    }

    private static Schema<Object> bounded(int min, int max, int fallback) {
        Schema<Object> schema = Schemas.of("integer").format("int32");
        schema.setMinimum(java.math.BigDecimal.valueOf(min));
        schema.setMaximum(java.math.BigDecimal.valueOf(max));
        schema.setDefault(fallback);
        return schema;
    }

    private static Header etag() {
        return new Header().description("The entry's version as an entity tag; send it back in If-Match")
                .schema(Schemas.string()).example("\"1\"");
    }

    private static ApiResponse json(String description, Schema<?> schema) {
        return new ApiResponse().description(description).content(new Content()
                .addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, new MediaType().schema(schema)));
    }

    private static RequestBody body(String component, boolean required, String description) {
        return new RequestBody().required(required).description(description).content(new Content()
                .addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                        new MediaType().schema(Schemas.ref(component))));
    }

    private static void problems(io.swagger.v3.oas.models.Operation operation, ProblemType... types) {
        ProblemResponses.responses(List.of(types)).forEach(operation.getResponses()::addApiResponse);
    }

    private static List<SecurityRequirement> token() {
        return new ArrayList<>(List.of(new SecurityRequirement().addList(BEARER)));
    }

    /** Reads are open; a token changes what the caller sees. */
    private static List<SecurityRequirement> optionalToken() {
        return new ArrayList<>(List.of(new SecurityRequirement(), new SecurityRequirement().addList(BEARER)));
    }
}
