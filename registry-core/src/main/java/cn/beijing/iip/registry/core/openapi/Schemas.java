package cn.beijing.iip.registry.core.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Small JSON Schema builders. The document is OpenAPI 3.1, whose serialiser writes a schema's
 * {@code types}, while 3.0 tools read {@code type}: every schema here sets both.
 */
final class Schemas {

    static final String REF_PREFIX = "#/components/schemas/";

    private Schemas() {
    }

    static Schema<Object> of(String type) {
        Schema<Object> schema = new Schema<>();
        schema.specVersion(SpecVersion.V31);
        schema.type(type);
        // springdoc edits types in place (path parameters), so the set must be mutable
        schema.types(new LinkedHashSet<>(List.of(type)));
        return schema;
    }

    static Schema<Object> string() {
        return of("string");
    }

    static Schema<Object> string(String format) {
        return string().format(format);
    }

    static Schema<Object> integer() {
        return of("integer").format("int64");
    }

    static Schema<Object> bool() {
        return of("boolean");
    }

    static Schema<Object> array(Schema<?> items) {
        Schema<Object> schema = of("array");
        schema.setItems(items);
        return schema;
    }

    static Schema<Object> object() {
        Schema<Object> schema = of("object");
        schema.setProperties(new LinkedHashMap<>());
        return schema;
    }

    /** A closed set of string values. */
    static Schema<Object> oneOf(List<String> values) {
        Schema<Object> schema = string();
        schema.setEnum(new ArrayList<>(values));
        return schema;
    }

    static Schema<Object> ref(String component) {
        Schema<Object> schema = new Schema<>();
        schema.specVersion(SpecVersion.V31);
        schema.set$ref(REF_PREFIX + component);
        return schema;
    }

    /** Adds a property; {@code required} also lists it among the object's required properties. */
    static Schema<Object> property(Schema<Object> object, String name, Schema<?> property, boolean required) {
        object.addProperty(name, property);
        if (required) {
            object.addRequiredItem(name);
        }
        return object;
    }
}
