package cn.beijing.iip.registry.core.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.beijing.iip.registry.core.problem.ProblemException;
import cn.beijing.iip.registry.problem.ProblemType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads request bodies strictly: no unknown or repeated fields, no coercion between strings, numbers
 * and booleans, no objects where a value belongs (so {@code {"$gt": ""}} never reaches a query).
 * Every refusal names the field and never echoes a parser's or a class's name.
 */
@Component
public class JsonBodies {

    private final JsonMapper strict = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .changeDefaultPropertyInclusion(inclusion -> JsonInclude.Value.construct(
                    JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, config -> config
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, config -> config
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Collection, config -> config
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Enum, config -> config
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .build();

    private final JsonMapper tolerant = strict.rebuild()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final JsonMapper canonical = strict.rebuild()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** Reads a JSON object body into {@code type}, or throws a 400 problem that says what is wrong. */
    public <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw ProblemException.of(ProblemType.MALFORMED_JSON, "the request needs a JSON object as its body");
        }
        try {
            T value = strict.readValue(body, type);
            if (value == null) {
                throw ProblemException.of(ProblemType.MALFORMED_JSON, "the body must be a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            Collection<Object> known = e.getKnownPropertyIds();
            throw ProblemException.of(ProblemType.UNKNOWN_FIELD, "unknown field '" + field + "'"
                    + (known == null || known.isEmpty() ? "" : "; known fields: " + sorted(known)))
                    .with("field", field);
        } catch (MismatchedInputException e) {
            throw wrongType(e);
        } catch (InputCoercionException e) {
            String field = path(e);
            ProblemException problem = ProblemException.of(ProblemType.WRONG_TYPE, (field.isEmpty() ? "a number"
                    : "field '" + field + "'") + " is out of range" + at(e.getLocation()));
            throw field.isEmpty() ? problem : problem.with("field", field);
        } catch (StreamReadException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate Object property")) {
                String field = path(e);
                ProblemException problem = ProblemException.of(ProblemType.MALFORMED_JSON, (field.isEmpty() ? "a field"
                        : "field '" + field + "'") + " appears twice in the body" + at(e.getLocation()));
                throw field.isEmpty() ? problem : problem.with("field", field);
            }
            throw ProblemException.of(ProblemType.MALFORMED_JSON, "the body is not valid JSON" + at(e.getLocation()));
        } catch (DatabindException e) {
            throw ProblemException.of(ProblemType.MALFORMED_JSON, "the body does not have the expected shape" + at(e.getLocation()));
        } catch (JacksonException e) {
            throw ProblemException.of(ProblemType.MALFORMED_JSON, "the body is not valid JSON");
        }
    }

    /** Optional bodies (a comment on submit or withdraw): empty means {@code fallback}. */
    public <T> T readOptional(byte[] body, Class<T> type, T fallback) {
        if (body == null || body.length == 0) {
            return fallback;
        }
        return read(body, type);
    }

    /** Fields as stored: a map of plain values, nulls left out. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap(Object value) {
        return strict.convertValue(value, Map.class);
    }

    /** Stored fields back into their record; tolerant of fields a newer version may have added. */
    public <T> T fromMap(Map<String, Object> stored, Class<T> type) {
        return tolerant.convertValue(stored, type);
    }

    /** A canonical serialisation (keys sorted) for fingerprints. */
    public byte[] canonical(Object value) {
        return canonical.writeValueAsBytes(value);
    }

    private static ProblemException wrongType(MismatchedInputException e) {
        String field = path(e);
        Class<?> target = e.getTargetType();
        if (field.isEmpty() || field.startsWith("[")) {
            // nothing to name, or an array where the body's object belongs
            return ProblemException.of(ProblemType.MALFORMED_JSON, "the body must be a JSON object");
        }
        String expected = describe(target);
        if (e instanceof InvalidFormatException && target != null && target.isEnum()) {
            expected = "one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        return ProblemException.of(ProblemType.WRONG_TYPE, "field '" + field + "' must be " + expected)
                .with("field", field);
    }

    private static String describe(Class<?> target) {
        if (target == null) {
            return "of another type";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == Long.class || target == Integer.class || target == long.class || target == int.class) {
            return "a whole number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target.isEnum()) {
            return "one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (List.class.isAssignableFrom(target) || Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /**
     * Where in the body the problem is, such as {@code industries[1]}: the path databind recorded, or
     * else, for errors the parser raises (a number out of range, a repeated field), where it stood.
     */
    private static String path(JacksonException e) {
        if (e.getPath().isEmpty() && e.processor() instanceof JsonParser parser) {
            return path(parser.streamReadContext());
        }
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String path(TokenStreamContext context) {
        Deque<String> segments = new ArrayDeque<>();
        for (TokenStreamContext level = context; level != null && !level.inRoot(); level = level.getParent()) {
            if (level.inArray()) {
                segments.addFirst("[" + Math.max(level.getCurrentIndex(), 0) + "]");
            } else if (level.currentName() != null) {
                segments.addFirst((level.getParent() != null && level.getParent().inRoot() ? "" : ".") + level.currentName());
            }
        }
        return String.join("", segments);
    }

    private static String at(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String sorted(Collection<Object> known) {
        return known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }
}
