package cn.beijing.iip.registry.core.openapi;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hibernate.validator.constraints.UniqueElements;

import cn.beijing.iip.registry.core.kind.Code;
import cn.beijing.iip.registry.core.kind.Complete;
import cn.beijing.iip.registry.taxonomy.Taxonomies;
import jakarta.validation.Constraint;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.models.media.Schema;

/**
 * The JSON Schema of a kind's fields record, read from its Bean Validation constraints, so the
 * document says what the service checks and cannot drift from it. Rules of the default group hold
 * for every draft and become schema keywords; rules of {@link Complete} hold from submit on and are
 * listed as "required to submit", since a draft may still break them.
 */
final class FieldSchemas {

    /** Marks a property that submit requires, for tools that read extensions. */
    static final String REQUIRED_TO_SUBMIT = "x-required-to-submit";

    private final Taxonomies taxonomies;

    FieldSchemas(Taxonomies taxonomies) {
        this.taxonomies = taxonomies;
    }

    /** The body of create and update: every field, {@code name} required, nothing else allowed. */
    Schema<Object> body(Class<? extends Record> fields) {
        Schema<Object> schema = Schemas.object();
        for (RecordComponent component : fields.getRecordComponents()) {
            Rules constraints = constraints(component);
            Schema<Object> property = property(component.getAnnotatedType(), constraints);
            io.swagger.v3.oas.annotations.media.Schema documented = documentation(fields, component);
            if (documented != null && !documented.description().isEmpty()) {
                property.setDescription(documented.description());
            }
            if (documented != null && !documented.example().isEmpty()) {
                property.setExample(example(property, documented.example()));
            }
            if (constraints.requiredToSubmit() && !constraints.required()) {
                property.setDescription(join(property.getDescription(), "Required to submit."));
                property.addExtension(REQUIRED_TO_SUBMIT, true);
            }
            Schemas.property(schema, component.getName(), property, constraints.required());
        }
        schema.setAdditionalProperties(false);
        List<String> later = requiredToSubmit(fields).stream()
                .filter(name -> schema.getRequired() == null || !schema.getRequired().contains(name)).toList();
        schema.setDescription("A draft needs only what is required here; submit also needs " + String.join(", ", later)
                + ". Unknown fields, wrong types, unknown codes and negative numbers are refused with 400, naming"
                + " the field.");
        return schema;
    }

    /** The fields that submit requires, in declaration order (those a draft already needs included). */
    List<String> requiredToSubmit(Class<? extends Record> fields) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : fields.getRecordComponents()) {
            Rules constraints = constraints(component);
            if (constraints.required() || constraints.requiredToSubmit()) {
                names.add(component.getName());
            }
        }
        return names;
    }

    private Schema<Object> property(AnnotatedType type, Rules constraints) {
        Class<?> raw = raw(type);
        Schema<Object> schema;
        if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            AnnotatedType element = ((AnnotatedParameterizedType) type).getAnnotatedActualTypeArguments()[0];
            schema = Schemas.array(property(element, constraints(element.getAnnotations())));
        } else if (raw == String.class) {
            schema = Schemas.string();
        } else if (raw == Long.class || raw == long.class) {
            schema = Schemas.integer();
        } else if (raw == Integer.class || raw == int.class) {
            schema = Schemas.of("integer").format("int32");
        } else if (raw == Boolean.class || raw == boolean.class) {
            schema = Schemas.bool();
        } else {
            throw new IllegalStateException("no schema for fields of type " + raw.getName());
        }
        constraints.applyTo(schema, taxonomies);
        return schema;
    }

    private static Class<?> raw(AnnotatedType type) {
        if (type.getType() instanceof Class<?> c) {
            return c;
        }
        if (type.getType() instanceof java.lang.reflect.ParameterizedType parameterized
                && parameterized.getRawType() instanceof Class<?> c) {
            return c;
        }
        throw new IllegalStateException("no schema for fields of type " + type.getType());
    }

    private static Rules constraints(RecordComponent component) {
        Set<Annotation> annotations = new LinkedHashSet<>();
        try {
            Field field = component.getDeclaringRecord().getDeclaredField(component.getName());
            annotations.addAll(Arrays.asList(field.getAnnotations()));
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("a record has a field per component", e);
        }
        annotations.addAll(Arrays.asList(component.getAnnotatedType().getAnnotations()));
        return constraints(annotations.toArray(Annotation[]::new));
    }

    private static Rules constraints(Annotation[] annotations) {
        Rules constraints = new Rules();
        for (Annotation annotation : annotations) {
            constraints.add(annotation, groups(annotation), 0);
        }
        return constraints;
    }

    private static io.swagger.v3.oas.annotations.media.Schema documentation(Class<?> fields, RecordComponent component) {
        try {
            return fields.getDeclaredField(component.getName())
                    .getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("a record has a field per component", e);
        }
    }

    private static Object example(Schema<?> property, String example) {
        if ("integer".equals(property.getType())) {
            return Long.parseLong(example);
        }
        if ("array".equals(property.getType())) {
            return List.of(example.split(",\\s*"));
        }
        return example;
    }

    private static Class<?>[] groups(Annotation annotation) {
        try {
            return (Class<?>[]) annotation.annotationType().getMethod("groups").invoke(annotation);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return new Class<?>[0];
        }
    }

    /**
     * A Java pattern as JSON Schema wants it: ECMA-262 syntax, and anchored, since Java's
     * {@code matches()} covers the whole value while a schema pattern may match anywhere. The
     * registry's patterns use one Java-only class, {@code \p{Cntrl}} (ASCII control characters).
     */
    static String ecmaScript(String javaPattern) {
        StringBuilder out = new StringBuilder("^(?:");
        boolean inClass = false;
        for (int i = 0; i < javaPattern.length(); i++) {
            char c = javaPattern.charAt(i);
            if (c == '\\' && javaPattern.startsWith("\\p{Cntrl}", i)) {
                out.append(inClass ? "\\x00-\\x1F\\x7F" : "[\\x00-\\x1F\\x7F]");
                i += "\\p{Cntrl}".length() - 1;
            } else if (c == '\\' && i + 1 < javaPattern.length()) {
                out.append(c).append(javaPattern.charAt(++i));
            } else {
                inClass = c == '[' || (inClass && c != ']');
                out.append(c);
            }
        }
        return out.append(")$").toString();
    }

    private static String join(String first, String second) {
        return first == null || first.isEmpty() ? second : first + " " + second;
    }

    /** What the constraints of one field (or list element) say, split by when they apply. */
    private static final class Rules {

        private static final int MAX_DEPTH = 4;

        private final List<Annotation> always = new ArrayList<>();
        private boolean required;
        private boolean requiredToSubmit;

        /**
         * Composed constraints ({@code @Constraints.Name}) apply the constraints they are annotated with,
         * in their own groups.
         */
        void add(Annotation annotation, Class<?>[] groups, int depth) {
            Class<? extends Annotation> type = annotation.annotationType();
            if (depth > MAX_DEPTH || !type.isAnnotationPresent(Constraint.class)) {
                return;
            }
            boolean submitOnly = Arrays.asList(groups).contains(Complete.class);
            if (annotation instanceof NotNull || annotation instanceof NotBlank || annotation instanceof NotEmpty) {
                if (submitOnly) {
                    requiredToSubmit = true;
                } else {
                    required = true;
                    always.add(annotation);
                }
            } else if (!submitOnly) {
                always.add(annotation);
            }
            for (Annotation meta : type.getAnnotations()) {
                add(meta, groups, depth + 1);
            }
        }

        boolean required() {
            return required;
        }

        boolean requiredToSubmit() {
            return requiredToSubmit;
        }

        void applyTo(Schema<Object> schema, Taxonomies taxonomies) {
            boolean array = "array".equals(schema.getType());
            for (Annotation annotation : always) {
                switch (annotation) {
                    case NotBlank notBlank -> {
                        schema.setMinLength(1);
                        schema.setDescription(join(schema.getDescription(), "Not blank."));
                    }
                    case NotEmpty notEmpty -> {
                        if (array) {
                            schema.setMinItems(1);
                        } else {
                            schema.setMinLength(1);
                        }
                    }
                    case Size size -> {
                        Integer min = size.min() > 0 ? Integer.valueOf(size.min()) : null;
                        Integer max = size.max() < Integer.MAX_VALUE ? Integer.valueOf(size.max()) : null;
                        if (array) {
                            schema.setMinItems(min != null ? min : schema.getMinItems());
                            schema.setMaxItems(max);
                        } else {
                            schema.setMinLength(min != null ? min : schema.getMinLength());
                            schema.setMaxLength(max);
                        }
                    }
                    case Pattern pattern -> schema.setPattern(ecmaScript(pattern.regexp()));
                    case PositiveOrZero positiveOrZero -> schema.setMinimum(BigDecimal.ZERO);
                    case Positive positive -> schema.setExclusiveMinimumValue(BigDecimal.ZERO);
                    case Min min -> schema.setMinimum(BigDecimal.valueOf(min.value()));
                    case Max max -> schema.setMaximum(BigDecimal.valueOf(max.value()));
                    case UniqueElements unique -> schema.setUniqueItems(true);
                    case Code code -> {
                        schema.setEnum(new ArrayList<>(taxonomies.get(code.value()).codes()));
                        schema.setDescription(join(schema.getDescription(), "A code of the " + code.value()
                                + " taxonomy (seeds/taxonomies/" + code.value() + ".json)."));
                    }
                    default -> {
                        // other constraints have no JSON Schema keyword; the service still checks them
                    }
                }
            }
        }
    }
}
