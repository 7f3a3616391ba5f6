package cn.beijing.iip.registry.core.openapi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;

import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.security.TokenCheckFailureHandler;
import cn.beijing.iip.registry.identity.CreditCode;
import cn.beijing.iip.registry.problem.ProblemType;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * The problem+json (RFC 9457) answers of the API: one schema, and per status the {@code type} URIs
 * a caller may meet there, each with an example.
 */
final class ProblemResponses {

    static final String PROBLEM = "Problem";
    static final String FIELD_PROBLEM = "FieldProblem";
    static final String RETRY_AFTER = "Retry-After";

    private ProblemResponses() {
    }

    /** The schema every error body follows: the RFC's members and the registry's extensions. */
    static Schema<Object> problemSchema() {
        Schema<Object> schema = Schemas.object();
        Schema<Object> type = Schemas.oneOf(Arrays.stream(ProblemType.values()).map(t -> t.uri().toString()).toList())
                .format("uri")
                .description("Stable identifier of the kind of error; clients branch on it, never on the detail.");
        Schemas.property(schema, "type", type, true);
        Schemas.property(schema, "title", Schemas.string().description("Short summary of the type"), true);
        Schemas.property(schema, "status", Schemas.of("integer").format("int32").description("The HTTP status"), true);
        Schemas.property(schema, "detail", Schemas.string().description("What went wrong, in words a person can act on"), true);
        Schemas.property(schema, "instance", Schemas.string("uri-reference").description("The path that was called"), false);
        Schemas.property(schema, "requestId", Schemas.string().description("Quote it when reporting a problem;"
                + " it is also the X-Request-Id response header"), false);
        Schemas.property(schema, "errors", Schemas.array(Schemas.ref(FIELD_PROBLEM))
                .description("Every field at fault (validation, incomplete)"), false);
        Schemas.property(schema, "field", Schemas.string().description("The field at fault (unknown-field, wrong-type,"
                + " duplicate-name)"), false);
        Schemas.property(schema, "existingId", Schemas.string("uuid").description("The entry that already holds the"
                + " name or the enterprise's profile (duplicate-name, one-per-enterprise)"), false);
        Schemas.property(schema, "currentVersion", Schemas.integer().description("The entry's version now"
                + " (precondition-failed): read it again and reapply the change"), false);
        Schemas.property(schema, "currentStatus", Schemas.oneOf(Arrays.stream(EntryStatus.values()).map(Enum::name).toList())
                .description("The entry's state now (illegal-transition, concurrent-change)"), false);
        schema.setDescription("An error, as RFC 9457 problem details (media type application/problem+json).");
        return schema;
    }

    static Schema<Object> fieldProblemSchema() {
        Schema<Object> schema = Schemas.object();
        Schemas.property(schema, "field", Schemas.string().description("Path of the field, e.g. industries[0]"), true);
        Schemas.property(schema, "message", Schemas.string().description("What is wrong with it"), true);
        return schema;
    }

    /** One response per status among {@code types}, keyed by status code. */
    static Map<String, ApiResponse> responses(List<ProblemType> types) {
        Map<Integer, List<ProblemType>> byStatus = types.stream().distinct()
                .collect(Collectors.groupingBy(ProblemType::status, java.util.TreeMap::new, Collectors.toList()));
        Map<String, ApiResponse> responses = new LinkedHashMap<>();
        byStatus.forEach((status, ofStatus) -> responses.put(String.valueOf(status), response(status, ofStatus)));
        return responses;
    }

    private static ApiResponse response(int status, List<ProblemType> types) {
        MediaType media = new MediaType().schema(Schemas.ref(PROBLEM));
        for (ProblemType type : types) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", type.uri().toString());
            body.put("title", type.title());
            body.put("status", type.status());
            body.put("detail", Details.of(type));
            media.addExamples(type.slug(), new Example().summary(type.title()).value(body));
        }
        List<String> lines = new ArrayList<>();
        lines.add(HttpStatus.valueOf(status).getReasonPhrase() + ". The body's `type` is one of:");
        types.forEach(type -> lines.add("- `" + type.uri() + "`: " + type.title()));
        ApiResponse response = new ApiResponse().description(String.join("\n", lines))
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE, media));
        if (status == 503) {
            response.addHeaderObject(RETRY_AFTER, new Header().description("Seconds to wait before trying again")
                    .schema(Schemas.of("integer").format("int32")));
        }
        return response;
    }

    /** Sample details, close to what the service says, so readers see the tone of an answer. */
    private static final class Details {

        private static final String SAMPLE_CODE = "91110108MA01AAA01" + CreditCode.checkCharacter("91110108MA01AAA01");

        static String of(ProblemType type) {
            return switch (type) {
                case MALFORMED_JSON -> "the body is not valid JSON (line 1, column 17)";
                case UNKNOWN_FIELD -> "unknown field 'colour'; known fields: …";
                case WRONG_TYPE -> "field 'declaredRevenueCny' must be a whole number";
                case VALIDATION -> "the entry has invalid fields: region is not a known regions code; known codes: beijing, tianjin, hebei";
                case INCOMPLETE -> "the entry is not complete enough to submit: industries must not be empty; region must not be null";
                case INVALID_PARAMETER -> "'size' must be a whole number from 1 to 100";
                case INVALID_CREDIT_CODE -> "the credit code's check character does not match (GB 32100-2015)";
                case UNAUTHORIZED -> "this call needs a bearer token (Authorization: Bearer <access token>)";
                case FORBIDDEN -> "only the enterprise that owns an entry may change it";
                case VERIFICATION_PENDING -> "enterprise " + SAMPLE_CODE + " has signed up but is not verified yet";
                case OWN_ENTERPRISE -> "a reviewer never decides on an entry of their own enterprise; another reviewer must take it";
                case INVALID_TOKEN_CLAIM -> "the token's creditCode claim is not valid: the credit code's check character does not match";
                case NOT_FOUND -> "no entry with id 1f0c…";
                case ILLEGAL_TRANSITION -> "cannot withdraw an entry that is DRAFT; that needs SUBMITTED";
                case DUPLICATE_NAME -> "your enterprise already has an entry of this kind with this name";
                case ONE_PER_ENTERPRISE -> "an enterprise has one solution-provider profile; edit and resubmit the existing one (existingId)";
                case CONCURRENT_CHANGE -> "someone else changed the entry at the same moment; it is now APPROVED at version 3";
                case PRECONDITION_FAILED -> "the entry has changed since you read it: it is now at version 4";
                case PAYLOAD_TOO_LARGE -> "a request body has at most 1048576 bytes (1 MiB)";
                case UNSUPPORTED_MEDIA_TYPE -> "send the body as application/json";
                case IDEMPOTENCY_KEY_REUSED -> "this Idempotency-Key was used before with a different body";
                case PRECONDITION_REQUIRED -> "send If-Match with the entry's ETag (its version, from the last read)";
                case STORE_UNAVAILABLE -> "the store is not reachable; try again shortly";
                case IDENTITY_UNAVAILABLE -> TokenCheckFailureHandler.DETAIL;
                default -> type.title();
            };
        }
    }
}
