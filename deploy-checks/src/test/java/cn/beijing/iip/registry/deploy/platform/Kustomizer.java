package cn.beijing.iip.registry.deploy.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a kustomization the way kustomize does, for the features this repository's overlays use,
 * so the checks run where no kustomize binary is installed. A kustomization that uses anything else
 * is refused rather than half rendered. Two simplifications, both harmless to the checks: generated
 * ConfigMaps and Secrets keep their plain names (kustomize appends a content hash to the name and
 * to every reference, consistently), and strategic merge knows only the merge keys of the lists
 * the overlays patch (containers, env, volumes, volume mounts, ports); other lists are replaced,
 * as kustomize does for lists without a merge key.
 */
final class Kustomizer {

    static final Set<String> SUPPORTED_FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "images",
            "replicas", "patches", "configMapGenerator", "secretGenerator");

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "PersistentVolume", "StorageClass", "CustomResourceDefinition", "IngressClass", "PriorityClass");

    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
            "env", "name", "volumes", "name", "volumeMounts", "mountPath", "imagePullSecrets", "name");

    private static final YAMLMapper YAML = new YAMLMapper();

    private Kustomizer() {
    }

    static List<ObjectNode> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        ObjectNode kustomization = (ObjectNode) YAML.readTree(read(file));
        for (String field : kustomization.propertyNames()) {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new IllegalArgumentException(file + ": field '" + field + "' is not modelled by this renderer");
            }
        }
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = dir.resolve(entry.asString()).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(build(path));
            } else if (Files.isRegularFile(path)) {
                resources.addAll(documents(read(path)));
            } else {
                throw new IllegalArgumentException(file + ": resource " + entry.asString() + " does not exist");
            }
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            generate(dir, (ObjectNode) generator, "ConfigMap", resources);
        }
        for (JsonNode generator : kustomization.path("secretGenerator")) {
            generate(dir, (ObjectNode) generator, "Secret", resources);
        }
        for (JsonNode patch : kustomization.path("patches")) {
            if (patch.has("target") || !patch.has("path")) {
                throw new IllegalArgumentException(file + ": only patches given by path, targeting by kind and name, are modelled");
            }
            for (ObjectNode document : documents(read(dir.resolve(patch.path("path").asString())))) {
                ObjectNode target = find(resources, document.path("kind").asString(),
                        document.path("metadata").path("name").asString())
                        .orElseThrow(() -> new IllegalArgumentException(file + ": patch " + patch.path("path").asString()
                                + " targets " + document.path("kind").asString() + " "
                                + document.path("metadata").path("name").asString() + ", which does not exist"));
                merge(target, document);
            }
        }
        if (kustomization.has("namespace")) {
            String namespace = kustomization.path("namespace").asString();
            for (ObjectNode resource : resources) {
                if (!CLUSTER_SCOPED.contains(resource.path("kind").asString())) {
                    ((ObjectNode) resource.path("metadata")).put("namespace", namespace);
                }
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            setImages(resources, image);
        }
        for (JsonNode replicas : kustomization.path("replicas")) {
            String name = replicas.path("name").asString();
            ObjectNode workload = resources.stream()
                    .filter(r -> Set.of("Deployment", "StatefulSet", "ReplicaSet").contains(r.path("kind").asString()))
                    .filter(r -> name.equals(r.path("metadata").path("name").asString()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(file + ": replicas for " + name + ", which does not exist"));
            ((ObjectNode) workload.path("spec")).put("replicas", replicas.path("count").asInt());
        }
        return resources;
    }

    /** Strategic merge of {@code patch} into {@code target}, as described in the class comment. */
    static void merge(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            JsonNode existing = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, (ObjectNode) value);
            } else if (value.isArray() && existing != null && existing.isArray() && mergeKey(key, value) != null) {
                mergeList((ArrayNode) existing, (ArrayNode) value, mergeKey(key, value));
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static String mergeKey(String field, JsonNode items) {
        if (field.equals("ports")) {
            return items.path(0).has("containerPort") ? "containerPort" : "port";
        }
        return MERGE_KEYS.get(field);
    }

    private static void mergeList(ArrayNode target, ArrayNode patch, String key) {
        for (JsonNode item : patch) {
            ObjectNode match = null;
            for (JsonNode candidate : target) {
                if (candidate.path(key).equals(item.path(key))) {
                    match = (ObjectNode) candidate;
                }
            }
            if (match == null) {
                target.add(item.deepCopy());
            } else {
                merge(match, (ObjectNode) item);
            }
        }
    }

    private static void generate(Path dir, ObjectNode generator, String kind, List<ObjectNode> resources) {
        String name = generator.path("name").asString();
        String behavior = generator.path("behavior").asString("create");
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        for (JsonNode literal : generator.path("literals")) {
            String[] pair = literal.asString().split("=", 2);
            data.put(pair[0], pair[1]);
        }
        for (JsonNode env : generator.path("envs")) {
            for (String line : read(dir.resolve(env.asString())).split("\n")) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    String[] pair = trimmed.split("=", 2);
                    data.put(pair[0], pair.length > 1 ? pair[1] : "");
                }
            }
        }
        for (JsonNode entry : generator.path("files")) {
            String spec = entry.asString();
            int equals = spec.indexOf('=');
            String key = equals < 0 ? Path.of(spec).getFileName().toString() : spec.substring(0, equals);
            data.put(key, read(dir.resolve(equals < 0 ? spec : spec.substring(equals + 1))));
        }
        if (kind.equals("Secret")) {
            ObjectNode encoded = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> entry : data.properties()) {
                encoded.put(entry.getKey(),
                        Base64.getEncoder().encodeToString(entry.getValue().asString().getBytes(StandardCharsets.UTF_8)));
            }
            data = encoded;
        }
        var existing = find(resources, kind, name);
        switch (behavior) {
            case "create" -> {
                if (existing.isPresent()) {
                    throw new IllegalArgumentException(dir + ": " + kind + " " + name + " exists already; use behavior merge or replace");
                }
                ObjectNode resource = JsonNodeFactory.instance.objectNode();
                resource.put("apiVersion", "v1");
                resource.put("kind", kind);
                resource.putObject("metadata").put("name", name);
                if (kind.equals("Secret")) {
                    resource.put("type", "Opaque");
                }
                resource.set("data", data);
                resources.add(resource);
            }
            case "merge", "replace" -> {
                ObjectNode resource = existing.orElseThrow(() -> new IllegalArgumentException(
                        dir + ": " + behavior + " of " + kind + " " + name + ", which does not exist"));
                if (behavior.equals("replace") || !resource.has("data")) {
                    resource.set("data", data);
                } else {
                    ((ObjectNode) resource.path("data")).setAll(data);
                }
            }
            default -> throw new IllegalArgumentException(dir + ": generator behavior " + behavior + " is not modelled");
        }
    }

    private static void setImages(List<ObjectNode> resources, JsonNode image) {
        String name = image.path("name").asString();
        for (ObjectNode resource : resources) {
            JsonNode podSpec = resource.path("spec").path("template").path("spec");
            for (String list : List.of("containers", "initContainers")) {
                for (JsonNode container : podSpec.path(list)) {
                    String current = container.path("image").asString();
                    int at = current.indexOf('@');
                    int colon = current.lastIndexOf(':');
                    String base = at >= 0 ? current.substring(0, at)
                            : colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
                    if (!base.equals(name)) {
                        continue;
                    }
                    String suffix = current.substring(base.length());
                    String newBase = image.path("newName").asString(base);
                    if (image.has("newTag")) {
                        suffix = ":" + image.path("newTag").asString();
                    } else if (image.has("digest")) {
                        suffix = "@" + image.path("digest").asString();
                    }
                    ((ObjectNode) container).put("image", newBase + suffix);
                }
            }
        }
    }

    private static java.util.Optional<ObjectNode> find(List<ObjectNode> resources, String kind, String name) {
        return resources.stream()
                .filter(r -> kind.equals(r.path("kind").asString()))
                .filter(r -> name.equals(r.path("metadata").path("name").asString()))
                .findFirst();
    }

    static List<ObjectNode> documents(String yaml) {
        List<ObjectNode> documents = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && document.isObject() && !document.isEmpty()) {
                    documents.add((ObjectNode) document);
                }
            }
        }
        return documents;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
