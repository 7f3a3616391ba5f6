package cn.beijing.iip.registry.system.attacks;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One row of the attack corpus: who sends what, and the answer it must get. Paths, header values and
 * bodies are templates whose {@code {placeholders}} name planted entries and enterprises.
 *
 * @param kinds       the kinds the row is sent for; one request per kind
 * @param json        a JSON body; with {@code complete}, fields laid over the kind's complete body
 * @param body        a body sent exactly as written (malformed JSON and the like)
 * @param generated   a body or query too large to write down, made at run time
 * @param raw         a whole HTTP/1.1 request, sent over a plain socket (what clients refuse to send)
 * @param concurrent  how many copies go out at the same moment
 * @param maxMillis   how long the answer may take
 */
public record Attack(String id, Category category, List<String> tags, String why, String as, String method,
        String path, List<String> kinds, Map<String, String> headers, boolean complete, JsonNode json, String body,
        String contentType, Map<String, Integer> generated, String raw, Outcome expect, String type, int concurrent,
        Map<String, String> expectHeaders, List<String> forbidHeaders, Map<String, String> headersMustNotContain,
        long maxMillis) {

    public static final String ALL_KINDS = "all";
    public static final List<String> KINDS = List.of("platforms", "solution-providers", "security-products");

    public boolean tagged(String tag) {
        return tags.contains(tag);
    }

    /** How many requests the row sends. */
    public int requests() {
        return kinds.size() * concurrent;
    }
}
