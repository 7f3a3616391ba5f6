package cn.beijing.iip.registry.system.attacks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The attack corpus, {@code attacks/corpus.jsonl} on the test class path: one JSON object a line, and
 * lines starting with {@code #} that say why a group of rows is there. A row with an unknown member is
 * an error, so a misspelt expectation never passes silently.
 */
public final class Corpus {

    public static final String RESOURCE = "/attacks/corpus.jsonl";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> MEMBERS = Set.of("id", "cat", "tags", "why", "as", "method", "path", "kinds",
            "headers", "complete", "json", "body", "contentType", "gen", "raw", "expect", "type", "concurrent",
            "expectHeaders", "forbidHeaders", "headersMustNotContain", "maxMillis");
    private static final long DEFAULT_MAX_MILLIS = 30_000;

    private Corpus() {
    }

    public static List<Attack> load() {
        try (InputStream in = Corpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Attack> parse(String text) {
        List<Attack> attacks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                Attack attack = attack(JSON.readTree(line));
                if (!ids.add(attack.id())) {
                    throw new IllegalArgumentException("id '" + attack.id() + "' is used twice");
                }
                attacks.add(attack);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(RESOURCE + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return attacks;
    }

    private static Attack attack(JsonNode row) {
        row.propertyNames().forEach(name -> {
            if (!MEMBERS.contains(name)) {
                throw new IllegalArgumentException("unknown member '" + name + "'");
            }
        });
        String id = required(row, "id");
        String path = row.path("path").asString(null);
        String raw = row.path("raw").asString(null);
        if ((path == null) == (raw == null)) {
            throw new IllegalArgumentException(id + ": give either path or raw");
        }
        List<String> kinds = kinds(row.path("kinds"), path != null && path.contains("{kind}") || raw != null && raw.contains("{kind}")
                || row.path("complete").asBoolean(false));
        int concurrent = row.path("concurrent").asInt(1);
        Outcome expect = Outcome.of(required(row, "expect"));
        if (expect == Outcome.ONE_WINS && concurrent < 2) {
            throw new IllegalArgumentException(id + ": one-wins needs concurrent copies");
        }
        return new Attack(id, Category.valueOf(required(row, "cat")), strings(row.path("tags")),
                row.path("why").asString(""), row.path("as").asString("anonymous"), row.path("method").asString("GET"),
                path, kinds, map(row.path("headers")), row.path("complete").asBoolean(false),
                row.has("json") ? row.get("json") : null, row.path("body").asString(null),
                row.path("contentType").asString(null), integers(row.path("gen")), raw, expect,
                row.path("type").asString(null), concurrent, map(row.path("expectHeaders")),
                strings(row.path("forbidHeaders")), map(row.path("headersMustNotContain")),
                row.path("maxMillis").asLong(DEFAULT_MAX_MILLIS));
    }

    private static List<String> kinds(JsonNode node, boolean perKind) {
        if (node.isMissingNode()) {
            return perKind ? List.of(Attack.KINDS.getFirst()) : List.of("");
        }
        if (node.isString() && node.asString().equals(Attack.ALL_KINDS)) {
            return Attack.KINDS;
        }
        List<String> kinds = strings(node);
        for (String kind : kinds) {
            if (!Attack.KINDS.contains(kind)) {
                throw new IllegalArgumentException("unknown kind '" + kind + "'");
            }
        }
        return kinds;
    }

    private static String required(JsonNode row, String name) {
        if (!row.path(name).isString()) {
            throw new IllegalArgumentException("member '" + name + "' is required");
        }
        return row.get(name).asString();
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asString()));
        return List.copyOf(values);
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        node.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asString()));
        return values;
    }

    private static Map<String, Integer> integers(JsonNode node) {
        Map<String, Integer> values = new LinkedHashMap<>();
        node.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asInt()));
        return values;
    }
}
