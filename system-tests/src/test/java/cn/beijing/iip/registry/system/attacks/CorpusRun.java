package cn.beijing.iip.registry.system.attacks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.beijing.iip.registry.system.attacks.Wire.Answer;
import cn.beijing.iip.registry.system.attacks.Wire.Sent;
import cn.beijing.iip.registry.system.support.SystemTest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Sends every row of the corpus through the gateway, once per kind it names, and judges each answer:
 * the outcome the row expects, and {@link ResponseChecks}' promises. Rows whose sender's token must
 * first expire go last.
 */
public final class CorpusRun {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Stands for the byte length of a raw request's body until the whole request is known. */
    private static final String BODY_LENGTH = "\u0000body-length\u0000";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-zA-Z0-9.:_-]*)\\}");

    private final Wire wire;
    private final Cast cast;
    private final Plant plant;
    private final Listener listener;
    private final String keycloak;
    private final String run;
    private final Tally tally = new Tally();
    private final List<String> findings = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicInteger timeOuts = new AtomicInteger();

    public CorpusRun(Wire wire, Cast cast, Plant plant, Listener listener, String keycloak, String run) {
        this.wire = wire;
        this.cast = cast;
        this.plant = plant;
        this.listener = listener;
        this.keycloak = keycloak;
        this.run = run;
    }

    /** One request of a row, with its placeholders filled in. */
    record Request(Attack attack, String kind, Sent sent, boolean chunked, String raw) {

        String label() {
            return attack.id() + (kind.isEmpty() ? "" : " [" + kind + "]");
        }
    }

    public void run(List<Attack> attacks) {
        List<Attack> ordered = new ArrayList<>(attacks);
        ordered.sort(Comparator.comparing(attack -> Cast.sendsLast(attack.as())));
        for (Attack attack : ordered) {
            if (Cast.sendsLast(attack.as())) {
                waitUntil(cast.expiredUsableFrom());
            }
            for (String kind : attack.kinds()) {
                Map<String, String> fresh = new LinkedHashMap<>();
                Request request = request(attack, kind, fresh);
                List<Answer> answers = send(request);
                judge(request, answers);
            }
        }
    }

    public Tally tally() {
        return tally;
    }

    public List<String> findings() {
        return List.copyOf(findings);
    }

    /** One line per request: category, row, kind, method, target, sender, status, milliseconds. */
    public List<String> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    private void record(Request request, Answer answer) {
        synchronized (answers) {
            answers.add(String.join("\t", request.attack().category().name(), request.attack().id(), request.kind(),
                    request.sent().method(), abbreviate(request.sent().target()), request.attack().as(),
                    Tally.column(answer.status()), String.valueOf(answer.millis())));
        }
    }

    private List<Answer> send(Request request) {
        int copies = request.attack().concurrent();
        if (copies == 1) {
            return List.of(sendOnce(request));
        }
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return sendOnce(request);
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                try {
                    answers.add(future.get());
                } catch (Exception e) {
                    answers.add(Answer.failed(e.toString(), 0));
                }
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Sends a request; if the gateway answers that the service missed its time limit, which a machine shared
     * with other test runs can cause, a request that could not have changed anything (a read, or one the row
     * expects refused) is sent once more. A second time-out is judged like any 5xx; the victim's entries are
     * compared with the store afterwards whatever happened.
     */
    private Answer sendOnce(Request request) {
        Answer answer = transmit(request);
        Outcome expect = request.attack().expect();
        boolean harmless = Set.of("GET", "HEAD", "OPTIONS").contains(request.sent().method())
                || expect != Outcome.OK && expect != Outcome.ANY && expect != Outcome.ONE_WINS;
        if (answer.isGatewayOutageAnswer() && harmless) {
            timeOuts.incrementAndGet();
            pause(Duration.ofSeconds(2));
            answer = transmit(request);
        }
        return answer;
    }

    private Answer transmit(Request request) {
        if (request.raw() != null) {
            return wire.sendRaw(request.raw());
        }
        return request.chunked() ? wire.sendChunked(request.sent()) : wire.send(request.sent());
    }

    /** How many gateway time-outs were met and the request sent again. */
    public int timeOuts() {
        return timeOuts.get();
    }

    private void judge(Request request, List<Answer> answers) {
        Attack attack = request.attack();
        List<Integer> statuses = answers.stream().map(Answer::status).toList();
        if (attack.expect() == Outcome.ONE_WINS && !Outcome.oneWins(statuses)) {
            finding(request, "concurrent copies were answered " + statuses + ": exactly one should succeed", answers.getFirst());
        }
        for (Answer answer : answers) {
            tally.count(attack, answer.status());
            record(request, answer);
            if (attack.expect() != Outcome.ONE_WINS && answer.failure() == null && !attack.expect().admits(answer.status())) {
                finding(request, "expected " + attack.expect().code() + " but got " + answer.status(), answer);
            }
            if (attack.type() != null && answer.status() >= 400) {
                String type = json(answer).path("type").asString("");
                if (!type.equals(ResponseChecks.PROBLEM_TYPE_PREFIX + attack.type())) {
                    finding(request, "expected problem type " + attack.type() + " but got '" + type + "'", answer);
                }
            }
            for (String violation : ResponseChecks.violations(request.sent(), answer, cast.viewer(attack.as()), plant.secrets())) {
                finding(request, violation, answer);
            }
            attack.expectHeaders().forEach((name, pattern) -> {
                String value = answer.header(name).orElse(null);
                if (value == null || !value.matches(pattern)) {
                    finding(request, "expected header " + name + " matching " + pattern + " but got " + value, answer);
                }
            });
            for (String name : attack.forbidHeaders()) {
                answer.header(name).ifPresent(value -> finding(request, "must not send " + name + ": " + value, answer));
            }
            attack.headersMustNotContain().forEach((name, text) -> answer.headerValues(name).stream()
                    .filter(value -> value.contains(resolve(text, request.kind(), Map.of())))
                    .forEach(value -> finding(request, name + " carries '" + text + "': " + value, answer)));
            if (answer.millis() > attack.maxMillis()) {
                finding(request, "took " + answer.millis() + " ms, more than " + attack.maxMillis(), answer);
            }
        }
    }

    private void finding(Request request, String what, Answer answer) {
        synchronized (findings) {
            findings.add(request.attack().category() + " " + request.label() + " (" + request.sent().method() + " "
                    + abbreviate(request.sent().target()) + " as " + request.attack().as() + "): " + what + "\n    answer: " + answer);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…(" + text.length() + " characters)" : text;
    }

    private static JsonNode json(Answer answer) {
        try {
            return answer.body().length == 0 ? JSON.missingNode() : JSON.readTree(answer.body());
        } catch (JacksonException e) {
            return JSON.missingNode();
        }
    }

    // ---- making the request of a row ----

    Request request(Attack attack, String kind, Map<String, String> fresh) {
        if (attack.raw() != null) {
            String raw = resolve(attack.raw(), kind, fresh);
            int body = raw.indexOf("\r\n\r\n");
            raw = raw.replace(BODY_LENGTH, String.valueOf(body < 0 ? 0
                    : raw.substring(body + 4).getBytes(StandardCharsets.UTF_8).length));
            String firstLine = raw.substring(0, Math.max(0, raw.indexOf("\r\n")));
            String[] parts = firstLine.split(" ");
            Sent sent = new Sent(parts.length > 0 ? parts[0] : "", parts.length > 1 ? parts[1] : "", Map.of("raw", raw), null);
            return new Request(attack, kind, sent, false, raw);
        }
        String path = resolve(attack.path(), kind, fresh);
        Map<String, String> headers = new LinkedHashMap<>();
        String authorization = cast.authorization(attack.as());
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        attack.headers().forEach((name, value) -> headers.put(name, resolve(value, kind, fresh)));
        Map<String, Integer> gen = attack.generated();
        byte[] body = body(attack, kind, fresh);
        if (gen.containsKey("queryParams")) {
            StringBuilder query = new StringBuilder();
            for (int i = 0; i < gen.get("queryParams"); i++) {
                query.append(query.isEmpty() ? "" : "&").append("p").append(i).append("=1");
            }
            path += (path.contains("?") ? "&" : "?") + query;
        }
        if (gen.containsKey("repeatParam")) {
            path += (path.contains("?") ? "&" : "?") + "status=DRAFT&".repeat(gen.get("repeatParam")) + "status=DRAFT";
        }
        if (gen.containsKey("pathLength")) {
            path += "x".repeat(gen.get("pathLength"));
        }
        if (gen.containsKey("headerBytes")) {
            headers.put("X-Padding", "y".repeat(gen.get("headerBytes")));
        }
        if (gen.containsKey("headerCount")) {
            for (int i = 0; i < gen.get("headerCount"); i++) {
                headers.put("X-Extra-" + i, "v");
            }
        }
        if (body != null && attack.contentType() == null) {
            headers.putIfAbsent("Content-Type", "application/json");
        } else if (attack.contentType() != null && !attack.contentType().isEmpty()) {
            headers.put("Content-Type", attack.contentType());
        }
        return new Request(attack, kind, new Sent(attack.method(), path, headers, body), gen.containsKey("chunked"), null);
    }

    private byte[] body(Attack attack, String kind, Map<String, String> fresh) {
        Map<String, Integer> gen = attack.generated();
        String name = "ATT-" + run + "-" + attack.id() + "-" + counter.incrementAndGet();
        if (gen.containsKey("padTo")) {
            String body = JSON.writeValueAsString(SystemTest.completeBody(kind, name));
            int size = gen.get("padTo");
            return (body.substring(0, body.length() - 1) + " ".repeat(Math.max(0, size - body.length())) + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (gen.containsKey("nesting")) {
            int depth = gen.get("nesting");
            return ("{\"name\":\"" + name + "\",\"description\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (gen.containsKey("objectNesting")) {
            int depth = gen.get("objectNesting");
            return ("{\"name\":\"" + name + "\",\"description\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (gen.containsKey("arrayItems")) {
            return ("{\"name\":\"" + name + "\",\"industries\":[" + String.join(",",
                    Collections.nCopies(gen.get("arrayItems"), "\"steel\"")) + "]}").getBytes(StandardCharsets.UTF_8);
        }
        if (gen.containsKey("stringLength")) {
            return ("{\"name\":\"" + "n".repeat(gen.get("stringLength")) + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        if (gen.containsKey("numberDigits")) {
            return ("{\"name\":\"" + name + "\",\"declaredRevenueCny\":" + "9".repeat(gen.get("numberDigits")) + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (attack.body() != null) {
            return resolve(attack.body(), kind, fresh).getBytes(StandardCharsets.UTF_8);
        }
        if (attack.complete() || attack.json() != null) {
            JsonNode body;
            if (attack.complete()) {
                ObjectNode complete = JSON.valueToTree(SystemTest.completeBody(kind, name));
                if (attack.json() != null) {
                    attack.json().properties().forEach(member -> complete.set(member.getKey(), member.getValue()));
                }
                body = complete;
            } else {
                body = attack.json().deepCopy();
            }
            return JSON.writeValueAsBytes(resolveAll(body, kind, fresh));
        }
        return null;
    }

    private JsonNode resolveAll(JsonNode node, String kind, Map<String, String> fresh) {
        if (node.isString()) {
            return StringNode.valueOf(resolve(node.asString(), kind, fresh));
        }
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                object.set(name, resolveAll(object.get(name), kind, fresh));
            }
        } else if (node instanceof tools.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, resolveAll(array.get(i), kind, fresh));
            }
        }
        return node;
    }

    String resolve(String template, String kind, Map<String, String> fresh) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(value(matcher.group(1), kind, fresh)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String value(String name, String kind, Map<String, String> fresh) {
        String effectiveKind = kind.isEmpty() ? "platforms" : kind;
        if (name.startsWith("fresh.")) {
            return fresh.computeIfAbsent(name, key -> plant.fresh(effectiveKind, name.substring("fresh.".length())));
        }
        if (name.startsWith("name:")) {
            return plant.name(name.substring("name:".length()), effectiveKind);
        }
        if (name.startsWith("fullwidth:")) {
            return fullwidth(plant.name(name.substring("fullwidth:".length()), effectiveKind));
        }
        if (name.startsWith("upper:")) {
            return plant.id(name.substring("upper:".length()), effectiveKind).toUpperCase(Locale.ROOT);
        }
        if (name.startsWith("token:")) {
            return cast.bearer(name.substring("token:".length()));
        }
        return switch (name) {
            case "bodyLength" -> BODY_LENGTH;
            case "kind" -> effectiveKind;
            case "run" -> run;
            case "n" -> String.valueOf(counter.incrementAndGet());
            case "uuid" -> UUID.randomUUID().toString();
            case "victim.code" -> cast.member(Cast.VICTIM).creditCode();
            case "victim.enterprise" -> cast.member(Cast.VICTIM).enterpriseName();
            case "victim.key" -> plant.idempotencyKey();
            case "attacker.code" -> cast.member(Cast.ATTACKER).creditCode();
            case "ssrf" -> listener.url();
            case "ssrf.authority" -> listener.authority();
            case "gateway" -> wire.authority();
            case "keycloak" -> keycloak;
            default -> {
                if (name.startsWith("victim.") || name.startsWith("attacker.") || name.startsWith("rev.")
                        || name.startsWith("owner.")) {
                    yield plant.id(name, effectiveKind);
                }
                throw new IllegalArgumentException("unknown placeholder {" + name + "}");
            }
        };
    }

    /** The same letters in their full-width forms, which Unicode compatibility folding maps back. */
    static String fullwidth(String text) {
        StringBuilder wide = new StringBuilder();
        text.chars().forEach(c -> wide.append(c > 0x20 && c < 0x7F ? (char) (c - 0x21 + 0xFF01) : (char) c));
        return wide.toString();
    }

    private static void waitUntil(Instant moment) {
        Duration left = Duration.between(Instant.now(), moment);
        if (!left.isNegative()) {
            pause(left);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
