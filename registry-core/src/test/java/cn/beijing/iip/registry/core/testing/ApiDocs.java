package cn.beijing.iip.registry.core.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/** An OpenAPI document as a client generator reads it: operations by method and path, {@code $ref}s followed. */
public record ApiDocs(JsonNode document) {

    private static final String REF_PREFIX = "#/components/schemas/";

    public JsonNode operation(String method, String path) {
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase(java.util.Locale.ROOT));
        if (operation.isMissingNode()) {
            throw new AssertionError("the document has no " + method + " " + path + "; it has "
                    + document.path("paths").propertyNames());
        }
        return operation;
    }

    public Set<String> paths() {
        return new LinkedHashSet<>(document.path("paths").propertyNames());
    }

    public Set<String> methods(String path) {
        return new LinkedHashSet<>(document.path("paths").path(path).propertyNames());
    }

    /** A schema with its {@code $ref} followed (once; components here do not point at each other's refs). */
    public JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            return component(schema.get("$ref").asString().substring(REF_PREFIX.length()));
        }
        return schema;
    }

    public JsonNode component(String name) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        if (schema.isMissingNode()) {
            throw new AssertionError("no schema component " + name);
        }
        return schema;
    }

    public JsonNode requestSchema(String method, String path) {
        return resolve(operation(method, path).path("requestBody").path("content").path("application/json").path("schema"));
    }

    public JsonNode response(String method, String path, int status) {
        JsonNode response = operation(method, path).path("responses").path(String.valueOf(status));
        if (response.isMissingNode()) {
            throw new AssertionError(method + " " + path + " documents no " + status + "; it documents "
                    + operation(method, path).path("responses").propertyNames());
        }
        return response;
    }

    /** The problem {@code type} URIs a response names in its examples. */
    public Set<String> problemTypes(String method, String path, int status) {
        Set<String> types = new LinkedHashSet<>();
        response(method, path, status).path("content").path("application/problem+json").path("examples")
                .forEach(example -> types.add(example.path("value").path("type").asString()));
        return types;
    }

    public JsonNode parameter(String method, String path, String name) {
        for (JsonNode parameter : operation(method, path).path("parameters")) {
            if (parameter.path("name").asString().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError(method + " " + path + " documents no parameter " + name);
    }

    public static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.isNull() ? null : value.asString()));
        return values;
    }

    /** Every {@code $ref} that points at no component. */
    public List<String> danglingRefs() {
        List<String> dangling = new ArrayList<>();
        collectDangling(document, dangling);
        return dangling;
    }

    private void collectDangling(JsonNode node, List<String> dangling) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isString() && (!ref.asString().startsWith(REF_PREFIX) || document.path("components")
                    .path("schemas").path(ref.asString().substring(REF_PREFIX.length())).isMissingNode())) {
                dangling.add(ref.asString());
            }
            node.forEach(child -> collectDangling(child, dangling));
        } else if (node.isArray()) {
            node.forEach(child -> collectDangling(child, dangling));
        }
    }
}
