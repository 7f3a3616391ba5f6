package cn.beijing.iip.registry.core.openapi;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;

import cn.beijing.iip.registry.core.entry.Decision;
import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.entry.Lifecycle;
import cn.beijing.iip.registry.core.entry.ListQuery;
import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.identity.CreditCode;
import io.swagger.v3.oas.models.media.Schema;

/**
 * The schemas of one kind's entry API, named after its fields record ({@code PlatformFields},
 * {@code PlatformEntry}, {@code PlatformPage}) beside the shared ones (problems, review bodies, history).
 */
final class EntryComponents {

    static final String OWNER = "Owner";
    static final String HISTORY_ROW = "HistoryRow";
    static final String REVIEW = "ReviewRequest";
    static final String REVOKE = "RevokeRequest";
    static final String NOTE = "NoteRequest";

    private final KindDefinition<?> kind;
    private final Class<? extends Record> fields;
    private final FieldSchemas fieldSchemas;

    EntryComponents(KindDefinition<?> kind, FieldSchemas fieldSchemas) {
        this.kind = kind;
        if (!kind.fieldsType().isRecord()) {
            throw new IllegalStateException("the fields of " + kind.kind().code() + " must be a record to be documented");
        }
        this.fields = kind.fieldsType().asSubclass(Record.class);
        this.fieldSchemas = fieldSchemas;
    }

    /** {@code Platform}, {@code SolutionProvider}, {@code SecurityProduct}. */
    String singular() {
        return fields.getSimpleName();
    }

    /** How the descriptions name one entry: {@code platform}, {@code solution provider}, {@code security product}. */
    String noun() {
        return singular().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether a field holds a list of values rather than one. */
    boolean isList(String field) {
        return java.util.Arrays.stream(fields.getRecordComponents())
                .anyMatch(component -> component.getName().equals(field) && List.class.isAssignableFrom(component.getType()));
    }

    /** {@code Platforms}, {@code SolutionProviders}, {@code SecurityProducts}. */
    String plural() {
        StringBuilder name = new StringBuilder();
        for (String part : kind.kind().code().split("-")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }

    String fieldsSchema() {
        return singular() + "Fields";
    }

    String entrySchema() {
        return singular() + "Entry";
    }

    String pageSchema() {
        return singular() + "Page";
    }

    List<String> requiredToSubmit() {
        return fieldSchemas.requiredToSubmit(fields);
    }

    /** Every schema the kind's operations refer to, by component name. */
    Map<String, Schema<?>> schemas() {
        Map<String, Schema<?>> schemas = new LinkedHashMap<>();
        Schema<Object> body = fieldSchemas.body(fields);
        schemas.put(fieldsSchema(), body);
        schemas.put(entrySchema(), entry(body));
        schemas.put(pageSchema(), page());
        schemas.put(OWNER, owner());
        schemas.put(HISTORY_ROW, historyRow());
        schemas.put(REVIEW, review());
        schemas.put(REVOKE, revoke());
        schemas.put(NOTE, note());
        schemas.put(ProblemResponses.PROBLEM, ProblemResponses.problemSchema());
        schemas.put(ProblemResponses.FIELD_PROBLEM, ProblemResponses.fieldProblemSchema());
        return schemas;
    }

    /** What every read answers: the lifecycle's envelope, then the kind's fields. */
    private Schema<Object> entry(Schema<Object> body) {
        Schema<Object> schema = Schemas.object();
        Schemas.property(schema, "id", Schemas.string("uuid"), true);
        Schemas.property(schema, "kind", Schemas.oneOf(List.of(kind.kind().code())), true);
        Schemas.property(schema, "status", statuses(), true);
        Schema<Object> version = Schemas.integer();
        version.setDescription("Grows with every change; the ETag is \"<version>\"");
        version.setMinimum(java.math.BigDecimal.ONE);
        Schemas.property(schema, "version", version, true);
        Schemas.property(schema, "owner", Schemas.ref(OWNER), true);
        Schemas.property(schema, "demo", Schemas.bool().description("True for demo data; it counts like any other"), true);
        Schemas.property(schema, "createdAt", Schemas.string("date-time"), true);
        Schemas.property(schema, "updatedAt", Schemas.string("date-time"), true);
        Schemas.property(schema, "submittedAt", Schemas.string("date-time")
                .description("When it was last submitted; absent until then"), false);
        body.getProperties().forEach((name, property) ->
                Schemas.property(schema, name, property, body.getRequired() != null && body.getRequired().contains(name)));
        schema.setDescription("A " + noun() + " entry: the envelope the registry keeps (id, state, version,"
                + " owner, times) and the fields its enterprise gave.");
        return schema;
    }

    private Schema<Object> page() {
        Schema<Object> schema = Schemas.object();
        Schemas.property(schema, "items", Schemas.array(Schemas.ref(entrySchema())), true);
        Schemas.property(schema, "page", Schemas.of("integer").format("int32").description("From 0"), true);
        Schemas.property(schema, "size", Schemas.of("integer").format("int32")
                .description("1 to " + ListQuery.MAX_SIZE + ", " + ListQuery.DEFAULT_SIZE + " unless asked"), true);
        Schemas.property(schema, "total", Schemas.integer().description("Entries matching, on all pages"), true);
        return schema;
    }

    private static Schema<Object> owner() {
        Schema<Object> schema = Schemas.object();
        Schema<Object> code = Schemas.string().description("Unified social credit code (GB 32100-2015), with a valid"
                + " check character");
        code.setPattern("^[" + CreditCode.ALPHABET + "]{" + CreditCode.LENGTH + "}$");
        Schemas.property(schema, "creditCode", code, true);
        Schemas.property(schema, "name", Schemas.string(), true);
        schema.setDescription("The enterprise that owns the entry, as its users' tokens name it; never sent by a caller.");
        return schema;
    }

    private static Schema<Object> historyRow() {
        Schema<Object> schema = Schemas.object();
        Schema<Object> from = statuses();
        from.setDescription("Null on the first row: the creation");
        from.setTypes(new LinkedHashSet<>(List.of("string", "null")));
        from.getEnum().add(null);
        Schemas.property(schema, "from", from, true);
        Schemas.property(schema, "to", statuses(), true);
        Schemas.property(schema, "actor", Schemas.string().description("User name of who made the change"), true);
        Schemas.property(schema, "at", Schemas.string("date-time"), true);
        Schema<Object> comment = Schemas.string();
        comment.setTypes(new LinkedHashSet<>(List.of("string", "null")));
        Schemas.property(schema, "comment", comment, false);
        return schema;
    }

    private static Schema<Object> review() {
        Schema<Object> schema = Schemas.object();
        Schemas.property(schema, "decision", Schemas.oneOf(Arrays.stream(Decision.values()).map(Enum::name).toList()), true);
        Schemas.property(schema, "comment", comment("Required unless the decision is APPROVE; the owner reads it"), false);
        schema.setAdditionalProperties(false);
        return schema;
    }

    private static Schema<Object> revoke() {
        Schema<Object> schema = Schemas.object();
        Schema<Object> reason = comment("Why the approval is withdrawn");
        reason.setMinLength(1);
        Schemas.property(schema, "reason", reason, true);
        schema.setAdditionalProperties(false);
        return schema;
    }

    private static Schema<Object> note() {
        Schema<Object> schema = Schemas.object();
        Schemas.property(schema, "comment", comment("Kept in the audit trail"), false);
        schema.setAdditionalProperties(false);
        return schema;
    }

    private static Schema<Object> comment(String description) {
        Schema<Object> comment = Schemas.string();
        comment.setDescription(description);
        comment.setMaxLength(Lifecycle.MAX_COMMENT);
        return comment;
    }

    private static Schema<Object> statuses() {
        return Schemas.oneOf(Arrays.stream(EntryStatus.values()).map(Enum::name).toList());
    }
}
