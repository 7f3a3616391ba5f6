package cn.beijing.iip.registry.system.attacks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.beijing.iip.registry.system.attacks.Wire.Answer;
import cn.beijing.iip.registry.system.attacks.Wire.Sent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every answer of the registry must hold, whoever asks and whatever they send: no server error,
 * every refusal a problem+json of the registry's own types, nothing another enterprise has not
 * published, no field of the store's own layout, no stack trace, class or driver name, no server
 * banner with a version.
 */
public final class ResponseChecks {

    public static final String PROBLEM_TYPE_PREFIX = "urn:iip-registry:problem:";

    /** Members of the stored document that no answer may carry: the store's layout, not the API's. */
    static final Set<String> STORE_ONLY = Set.of("_id", "nameKey", "fingerprint");
    /** Members an entry in an answer may not have: its audit trail is for owners and reviewers, by its own call. */
    static final Set<String> NOT_IN_AN_ENTRY = Set.of("history", "fields");

    /** What a stack trace, a framework's error page or a driver's message gives away. */
    static final Pattern INTERNALS = Pattern.compile("Exception|Caused by|\\bat [\\w$]+(\\.[\\w$<>]+)+\\("
            + "|\\b(java|javax|jakarta|sun|jdk)\\.[a-z]+\\.|org\\.(springframework|apache|bson|hibernate|eclipse)"
            + "|com\\.(mongodb|fasterxml|sun)|tools\\.jackson|io\\.(netty|micrometer)|reactor\\.(core|netty)"
            + "|cn\\.beijing\\.iip|E11000|(?i:whitelabel|<html|<!doctype|stack ?trace|tomcat|undertow|jetty)");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ResponseChecks() {
    }

    /** Who asked: their enterprise (null for none) and whether they may see every entry (reviewers). */
    public record Viewer(String creditCode, boolean seesEverything) {

        public static final Viewer NOBODY = new Viewer(null, false);

        boolean maySee(Secret secret) {
            return seesEverything || secret.ownerCode().equals(creditCode);
        }
    }

    /** Something of an enterprise that only it and the reviewers may see, such as a draft's name or id. */
    public record Secret(String value, String ownerCode, String what) {
    }

    /** Every way {@code answer} breaks the registry's promises; empty when it keeps them all. */
    public static List<String> violations(Sent sent, Answer answer, Viewer viewer, List<Secret> secrets) {
        List<String> violations = new ArrayList<>();
        if (answer.failure() != null) {
            violations.add("no answer: " + answer.failure());
            return violations;
        }
        int status = answer.status();
        if (status >= 500) {
            violations.add("server error " + status);
        }
        JsonNode json = json(answer);
        if (status >= 400 && !"HEAD".equals(sent.method())) {
            problem(answer, json).ifPresent(violations::add);
        }
        if (json != null) {
            storeLayout(json, "$", violations);
        }
        String requestText = sent.text();
        String exposed = (json != null ? JSON.writeValueAsString(withoutPublishedEntries(json.deepCopy())) : answer.text())
                + "\n" + answer.headers().values();
        for (Secret secret : secrets) {
            if (!viewer.maySee(secret) && exposed.contains(secret.value()) && !requestText.contains(secret.value())) {
                violations.add("exposes " + secret.what() + " (" + secret.value() + ")");
            }
        }
        if (status < 200 || status >= 300) {
            Matcher internal = INTERNALS.matcher(answer.text());
            while (internal.find()) {
                if (!requestText.toLowerCase(Locale.ROOT).contains(internal.group().toLowerCase(Locale.ROOT))) {
                    violations.add("gives away internals: '" + internal.group() + "'");
                    break;
                }
            }
        }
        if (answer.header("X-Powered-By").isPresent()) {
            violations.add("names its platform in X-Powered-By");
        }
        for (String server : answer.headerValues("Server")) {
            if (server.matches(".*\\d.*")) {
                violations.add("names its server and version: Server: " + server);
            }
        }
        return violations;
    }

    private static Optional<String> problem(Answer answer, JsonNode json) {
        if (!answer.contentType().startsWith("application/problem+json")) {
            return Optional.of("refusal " + answer.status() + " is not application/problem+json but '"
                    + answer.contentType() + "'");
        }
        if (json == null || !json.isObject()) {
            return Optional.of("refusal " + answer.status() + " has no JSON object as its body");
        }
        String type = json.path("type").asString("");
        if (!type.startsWith(PROBLEM_TYPE_PREFIX)) {
            return Optional.of("refusal " + answer.status() + " has type '" + type + "', not one of the registry's");
        }
        if (json.has("status") && json.get("status").asInt(-1) != answer.status()) {
            return Optional.of("refusal says status " + json.get("status") + " but is " + answer.status());
        }
        if (json.path("detail").asString("").isBlank()) {
            return Optional.of("refusal " + answer.status() + " has no detail a reader could act on");
        }
        return Optional.empty();
    }

    private static JsonNode json(Answer answer) {
        if (answer.body().length == 0 || !answer.contentType().contains("json")) {
            return null;
        }
        try {
            return JSON.readTree(answer.body());
        } catch (JacksonException e) {
            return null;
        }
    }

    private static void storeLayout(JsonNode node, String where, List<String> violations) {
        if (node.isObject()) {
            boolean entry = isEntry(node);
            for (String name : node.propertyNames()) {
                if (STORE_ONLY.contains(name) || entry && NOT_IN_AN_ENTRY.contains(name)) {
                    violations.add("carries '" + name + "' at " + where);
                }
                storeLayout(node.get(name), where + "." + name, violations);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                storeLayout(node.get(i), where + "[" + i + "]", violations);
            }
        }
    }

    private static boolean isEntry(JsonNode node) {
        return node.isObject() && node.has("id") && node.has("kind") && node.has("status") && node.has("owner");
    }

    /** The answer without approved entries, whose every field is public. */
    static JsonNode withoutPublishedEntries(JsonNode node) {
        if (isEntry(node) && "APPROVED".equals(node.get("status").asString(""))) {
            return JSON.createObjectNode();
        }
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                object.set(name, withoutPublishedEntries(object.get(name)));
            }
        } else if (node instanceof ArrayNode array) {
            List<JsonNode> kept = new ArrayList<>();
            for (JsonNode item : array) {
                if (!(isEntry(item) && "APPROVED".equals(item.get("status").asString("")))) {
                    kept.add(withoutPublishedEntries(item));
                }
            }
            array.removeAll();
            kept.forEach(array::add);
        }
        return node;
    }
}
