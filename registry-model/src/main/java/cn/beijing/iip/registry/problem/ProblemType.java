package cn.beijing.iip.registry.problem;

import java.net.URI;

/**
 * Every kind of error the registry answers, with its HTTP status. The {@code type} member of a
 * problem+json body is {@link #uri()}; clients may rely on it staying the same.
 */
public enum ProblemType {

    MALFORMED_JSON("malformed-json", 400, "Malformed JSON"),
    UNKNOWN_FIELD("unknown-field", 400, "Unknown field"),
    WRONG_TYPE("wrong-type", 400, "Wrong type"),
    VALIDATION("validation", 400, "Invalid entry"),
    INCOMPLETE("incomplete", 400, "Entry incomplete"),
    INVALID_PARAMETER("invalid-parameter", 400, "Invalid parameter"),
    INVALID_CREDIT_CODE("invalid-credit-code", 400, "Invalid credit code"),
    UNAUTHORIZED("unauthorized", 401, "Authentication required"),
    FORBIDDEN("forbidden", 403, "Not allowed"),
    VERIFICATION_PENDING("verification-pending", 403, "Enterprise verification pending"),
    OWN_ENTERPRISE("own-enterprise", 403, "Own enterprise"),
    INVALID_TOKEN_CLAIM("invalid-token-claim", 403, "Invalid enterprise claim"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    ILLEGAL_TRANSITION("illegal-transition", 409, "Illegal transition"),
    DUPLICATE_NAME("duplicate-name", 409, "Duplicate name"),
    ONE_PER_ENTERPRISE("one-per-enterprise", 409, "One per enterprise"),
    CONCURRENT_CHANGE("concurrent-change", 409, "Changed concurrently"),
    PRECONDITION_FAILED("precondition-failed", 412, "Version is stale"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency key reused"),
    PRECONDITION_REQUIRED("precondition-required", 428, "If-Match required"),
    RATE_LIMITED("rate-limited", 429, "Too many requests"),
    INTERNAL("internal", 500, "Internal error"),
    SERVICE_UNAVAILABLE("service-unavailable", 503, "Service unavailable"),
    STORE_UNAVAILABLE("store-unavailable", 503, "Store unavailable"),
    /** A bearer token names a signing key that cannot be fetched from the identity provider now. */
    IDENTITY_UNAVAILABLE("identity-unavailable", 503, "Identity provider unavailable");

    /** Prefix of every problem type URI. */
    public static final String URI_PREFIX = "urn:iip-registry:problem:";

    /** The largest request body the gateway and the services accept: 1 MiB. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(URI_PREFIX + slug);
    }

    /** The type a bare HTTP status stands for, when an error arises before the registry's own code runs. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_PARAMETER;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 502, 503, 504 -> SERVICE_UNAVAILABLE;
            default -> INTERNAL;
        };
    }
}
