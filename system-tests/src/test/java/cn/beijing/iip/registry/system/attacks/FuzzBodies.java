package cn.beijing.iip.registry.system.attacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Seeded generators of every JSON body the API takes: entries of each kind (create and update), reviews,
 * revocations and the notes of submit, withdraw and reopen. Each case is a valid body or one with one to
 * three mutations (wrong types, nulls, missing or unknown fields, operator objects, numbers out of range,
 * Unicode the rules refuse, repeated keys, broken JSON), and says what the registry must do with it: the
 * CONTRACT's rules and the registry's documented field rules, written here once more as an oracle.
 * Case {@code i} of a seed is always the same body.
 */
public final class FuzzBodies {

    /** What the registry must do with a body. */
    public enum Verdict {
        ACCEPT, REJECT, EITHER;

        Verdict and(Verdict other) {
            if (this == REJECT || other == REJECT) {
                return REJECT;
            }
            return this == EITHER || other == EITHER ? EITHER : ACCEPT;
        }
    }

    /**
     * A generated body.
     *
     * @param json       the body, exactly as sent; null for no body at all
     * @param readBack   for entry bodies: the kind's fields as an accepted body must read back
     * @param decision   for reviews: the decision as sent, when it is one
     * @param comment    for transitions: the comment or reason as the history must record it (null for none)
     */
    public record Case(long seed, int index, String json, Verdict verdict, List<String> mutations, ObjectNode readBack,
            String decision, String comment) {

        @Override
        public String toString() {
            String body = json == null ? "(no body)" : json.length() > 400 ? json.substring(0, 400) + "…(" + json.length()
                    + " characters)" : json;
            return "case " + index + " of seed " + seed + " " + mutations + " expecting " + verdict + ": " + body;
        }
    }

    /** The field rules of each kind, as the services declare them. */
    enum Shape { NAME, CODE, CODES, TEXT, COUNT, PROVINCES, AMOUNT, LABELS, VERSION, URL }

    record Field(String name, Shape shape, String taxonomy, int maxItems) {

        boolean required() {
            return shape == Shape.NAME;
        }
    }

    static final long MAX_COUNT = 10_000_000_000L;
    static final long MAX_AMOUNT = 10_000_000_000_000L;
    static final int MAX_COMMENT = 2000;
    /** The registry's rule for free text (descriptions, comments): no control characters but tab, LF, CR; no lone surrogates. */
    static final Pattern PRINTABLE = Pattern.compile("[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\p{Cs}]*");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode ABSENT = JsonNodeFactory.instance.missingNode();

    private static final String[] NAMES = {"Steel Cloud", "北汽福田车联网平台", "Ω-Platform ✓", "Café Ünïcode",
            "e\u0301toile combining", "Family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 Works", "\u202EReversed",
            "Zero\u200BWidth", "No\u00A0Break", "  Padded Name  ", "Quote \" and \\ backslash", "<b>&amp;</b>",
            "{\"$ne\":null}", "$where", "Ｆｕｌｌｗｉｄｔｈ", "\uD835\uDD10\uD835\uDD1E\uD835\uDD31\uD835\uDD25", "منصة صناعية",
            "פלטפורמה", "ideographic\u3000space", "x'; DROP TABLE entries; --", "${jndi:ldap://x/a}", "Tab-free name"};
    private static final String[] TEXT_PIECES = {"Connected furnaces", " ", "\n", "\t", "\r\n", "钢铁", "\uD83D\uDE80",
            "\u2028", "\"quoted\"", "back\\slash", "/path/", "<script>", "&amp;", "$gt", "{}", "ü", "\u00A0", "Ω"};
    private static final String[] LABELS = {"MLPS-3", "ISO/IEC 27001", "IEC 62443-4-2", "等保三级", "CC EAL4+",
            "GB/T 22239-2019", "L".repeat(64)};
    private static final String[] VERSIONS = {"v1.2.3", "2024.1 LTS", "版本 3", "x".repeat(64), " 1.0 "};
    private static final String[] OPERATORS = {"{\"$gt\":\"\"}", "{\"$ne\":null}", "{\"$where\":\"sleep(100)\"}",
            "{\"$regex\":\".*\"}", "{\"$in\":[\"steel\"]}", "{\"$exists\":true}"};
    private static final String[] UNKNOWN_FIELDS = {"owner", "status", "id", "version", "demo", "createdAt", "updatedAt",
            "submittedAt", "history", "kind", "nameKey", "fingerprint", "_id", "fields", "colour", "$where", "name.first",
            "", "NAME", "Name", "comment"};
    /** Characters no one-line field may hold: C0 and C1 controls, line and paragraph separators, lone surrogates. */
    private static final String[] NOT_ONE_LINE = {"\u0000", "\u0007", "\n", "\r", "\u001b", "\u007f", "\u0085",
            "\u009b", "\u2028", "\u2029", "\uD800", "\uDC00"};
    /** Characters no free text may hold. */
    private static final String[] NOT_PRINTABLE = {"\u0000", "\u0001", "\u0007", "\u000B", "\u000C", "\u001b", "\u007f",
            "\u0085", "\u009b", "\uD800", "\uDFFF"};

    private final long seed;
    private final Map<String, List<String>> codes;
    private final String website;

    /**
     * @param codes    each taxonomy's codes, by taxonomy name
     * @param website  a web address that must never be fetched; some bodies give it as their website
     */
    public FuzzBodies(long seed, Map<String, List<String>> codes, String website) {
        this.seed = seed;
        this.codes = codes;
        this.website = website;
    }

    static List<Field> fields(String kind) {
        return switch (kind) {
            case "platforms" -> List.of(new Field("name", Shape.NAME, null, 0),
                    new Field("platformType", Shape.CODE, "platform-types", 0),
                    new Field("industries", Shape.CODES, "industries", 10), new Field("region", Shape.CODE, "regions", 0),
                    new Field("description", Shape.TEXT, null, 0), new Field("connectedDevices", Shape.COUNT, null, 0),
                    new Field("industrialApps", Shape.COUNT, null, 0), new Field("enterprisesServed", Shape.COUNT, null, 0),
                    new Field("declaredRevenueCny", Shape.AMOUNT, null, 0), new Field("website", Shape.URL, null, 0));
            case "solution-providers" -> List.of(new Field("name", Shape.NAME, null, 0),
                    new Field("domains", Shape.CODES, "solution-domains", 10),
                    new Field("industries", Shape.CODES, "industries", 10), new Field("region", Shape.CODE, "regions", 0),
                    new Field("description", Shape.TEXT, null, 0), new Field("provincesServed", Shape.PROVINCES, null, 0),
                    new Field("referenceCases", Shape.COUNT, null, 0), new Field("declaredRevenueCny", Shape.AMOUNT, null, 0),
                    new Field("website", Shape.URL, null, 0));
            case "security-products" -> List.of(new Field("name", Shape.NAME, null, 0),
                    new Field("category", Shape.CODE, "security-categories", 0),
                    new Field("industries", Shape.CODES, "industries", 10), new Field("region", Shape.CODE, "regions", 0),
                    new Field("description", Shape.TEXT, null, 0), new Field("certifications", Shape.LABELS, null, 20),
                    new Field("productVersion", Shape.VERSION, null, 0), new Field("declaredRevenueCny", Shape.AMOUNT, null, 0),
                    new Field("website", Shape.URL, null, 0));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** The random source of one case: the same for the same seed, stream and index, whatever ran before. */
    private Random random(String stream, int index) {
        return new Random(seed * 1_000_003L ^ stream.hashCode() * 31L ^ index * 0x9E3779B97F4A7C15L);
    }

    // ---- entries ----

    /** One member of an object: its key, its JSON text, and how the value reads back (ABSENT: not at all). */
    private record Member(String key, String raw, JsonNode readBack, Verdict verdict, String mutation) {

        Member(String key, String raw, JsonNode readBack) {
            this(key, raw, readBack, Verdict.ACCEPT, null);
        }
    }

    /** Body {@code index} of an entry of {@code kind}; {@code stream} keeps create and update apart. */
    public Case entry(String kind, String stream, int index) {
        Random random = random(stream + "/" + kind, index);
        List<Field> fields = fields(kind);
        List<Member> members = new ArrayList<>();
        for (Field field : fields) {
            if (field.required() || random.nextInt(10) < 6) {
                members.add(valid(field, index, random));
            }
        }
        Collections.shuffle(members, random);
        List<String> mutations = new ArrayList<>();
        int count = random.nextInt(10) < 3 ? 0 : 1 + random.nextInt(3);
        Set<String> mutated = new LinkedHashSet<>();
        Verdict verdict = Verdict.ACCEPT;
        String rendering = null;
        for (int m = 0; m < count; m++) {
            int pick = random.nextInt(12);
            if (pick < 7) {
                Field field = fields.get(random.nextInt(fields.size()));
                if (!mutated.add(field.name())) {
                    continue;
                }
                Member member = mutate(field, index, random);
                members.removeIf(existing -> existing.key().equals(field.name()));
                members.add(random.nextInt(members.size() + 1), member);
                mutations.add(member.mutation());
                verdict = verdict.and(member.verdict());
            } else if (pick == 7) {
                String key = UNKNOWN_FIELDS[random.nextInt(UNKNOWN_FIELDS.length)];
                if (fields.stream().anyMatch(field -> field.name().equals(key)) || !mutated.add(key)) {
                    continue;
                }
                members.add(random.nextInt(members.size() + 1), new Member(key, random.nextBoolean() ? "\"x\""
                        : OPERATORS[random.nextInt(OPERATORS.length)], null, Verdict.REJECT, "unknown field '" + key + "'"));
                mutations.add("unknown field '" + key + "'");
                verdict = Verdict.REJECT;
            } else if (pick == 8 && mutated.add("name")) {
                members.removeIf(member -> member.key().equals("name"));
                mutations.add("no name");
                verdict = Verdict.REJECT;
            } else if (pick == 9 && !members.isEmpty()) {
                Member twice = members.get(random.nextInt(members.size()));
                Member copy = random.nextBoolean() ? twice : valid(fields.stream().filter(f -> f.name().equals(twice.key()))
                        .findFirst().orElse(fields.getFirst()), index + 7, random);
                members.add(new Member(twice.key(), copy.raw(), null));
                mutations.add("key '" + twice.key() + "' twice");
                verdict = Verdict.REJECT;
            } else if (rendering == null) {
                rendering = RENDERINGS[random.nextInt(RENDERINGS.length)];
                mutations.add(rendering);
                verdict = verdict.and(rendering.equals("byte order mark") ? Verdict.EITHER : Verdict.REJECT);
            }
        }
        String json = render(members, rendering, random);
        ObjectNode readBack = JSON.createObjectNode();
        for (Member member : members) {
            if (member.readBack() != null && !member.readBack().isMissingNode()) {
                readBack.set(member.key(), member.readBack());
            }
        }
        return new Case(seed, index, json, verdict, List.copyOf(mutations), readBack, null, null);
    }

    private Member valid(Field field, int index, Random random) {
        return switch (field.shape()) {
            case NAME -> string(field.name(), name(index, random), random);
            case CODE -> string(field.name(), pick(codes(field), random), random);
            case CODES -> strings(field.name(), distinct(codes(field), random.nextInt(Math.min(field.maxItems(), codes(field).size()) + 1), random), random);
            case TEXT -> string(field.name(), text(random), random);
            case COUNT -> number(field.name(), pickLong(random, 0, 1, 42, 2_200_000, MAX_COUNT, random.nextLong(MAX_COUNT + 1)));
            case PROVINCES -> number(field.name(), random.nextInt(35));
            case AMOUNT -> number(field.name(), pickLong(random, 0, 1, 500_000_000, MAX_AMOUNT, random.nextLong(MAX_AMOUNT + 1)));
            case LABELS -> strings(field.name(), distinct(List.of(LABELS), random.nextInt(4), random), random);
            case VERSION -> string(field.name(), pick(List.of(VERSIONS), random), random);
            case URL -> string(field.name(), pick(List.of("https://example.com/", "http://example.com/path?x=1&y=%20#frag",
                    website + "/fuzz-" + index, "https://例子.测试/路径", "http://[::1]:8080/x",
                    "https://" + "a".repeat(480) + ".example"), random), random);
        };
    }

    private Member mutate(Field field, int index, Random random) {
        String name = field.name();
        int choice = random.nextInt(8);
        if (choice == 0) {
            return new Member(name, OPERATORS[random.nextInt(OPERATORS.length)], null, Verdict.REJECT, name + " as an operator");
        }
        if (choice == 1) {
            return field.required() ? new Member(name, "null", null, Verdict.REJECT, name + " null")
                    : new Member(name, "null", ABSENT, Verdict.ACCEPT, name + " null");
        }
        if (choice == 2) {
            return wrongType(field, random);
        }
        return switch (field.shape()) {
            case NAME -> badString(name, random.nextBoolean() ? pick(List.of("", " ", "   ", "\u3000\t"), random)
                    : random.nextBoolean() ? "n".repeat(201) : "Bad" + pick(List.of(NOT_ONE_LINE), random) + "Name " + index,
                    random);
            case CODE -> badString(name, pick(List.of("petroleum", "Steel", " beijing", "beijing ", ".*", "", "BEIJING",
                    "ｂｅｉｊｉｎｇ"), random), random);
            case CODES -> badCodes(field, random);
            case TEXT -> random.nextBoolean() ? badString(name, "t".repeat(4001), random)
                    : badString(name, "text " + pick(List.of(NOT_PRINTABLE), random) + " inside", random);
            case COUNT -> badNumber(name, random, "-1", "10000000001", "-9223372036854775808", "9223372036854775808",
                    "99999999999999999999", "1.5", "1e3", "1.0", "-0.0", "0x10", "012", "+1", "NaN", "1e400");
            case PROVINCES -> badNumber(name, random, "35", "-1", "100", "34.5", "\"12\"");
            case AMOUNT -> badNumber(name, random, "-500", "10000000000001", "9223372036854775808", "1e13", "5e8");
            case LABELS -> random.nextBoolean() ? strings(name, List.of("MLPS-3", "MLPS-3"), Verdict.REJECT, "labels repeated", random)
                    : strings(name, List.of(pick(List.of("", "  ", "L".repeat(65), "two\nlines", "bell\u0007",
                            "half \uD800 pair"), random)), Verdict.REJECT, "a label the rules refuse", random);
            case VERSION -> badString(name, pick(List.of("", "   ", "v".repeat(65), "1.0\n2.0", "1.0\u0000", "1.0\u0085",
                    "1.0\u2028", "1.0\uD800"), random), random);
            case URL -> badString(name, pick(List.of("", "ftp://example.com/", "javascript:alert(1)", "file:///etc/passwd",
                    "http://exa mple.com/", "http://<x>/", "//example.com", "example.com", "https://" + "a".repeat(493),
                    "http://example.com/\u0000", "http://example.com/\u001b[2J", "http://example.com/\u0085",
                    "http://example.com/\u2028", "http://example.com/\uD800"), random), random);
        };
    }

    private static final String[] RENDERINGS = {"truncated", "trailing garbage", "wrapped in an array", "null body",
            "number body", "string body", "comment", "single quotes", "trailing comma", "byte order mark", "empty body",
            "blank body", "deep nesting"};

    private static Member wrongType(Field field, Random random) {
        List<String> candidates = switch (field.shape()) {
            case COUNT, PROVINCES, AMOUNT -> List.of("\"123\"", "true", "[1]", "{}", "\"\"");
            case CODES, LABELS -> List.of("\"steel\"", "5", "{\"0\":\"steel\"}", "true", "\"\"", "[[\"steel\"]]", "[1]");
            default -> List.of("42", "true", "false", "[]", "[\"x\"]", "{}", "1.5");
        };
        return new Member(field.name(), pick(candidates, random), null, Verdict.REJECT, field.name() + " of a wrong type");
    }

    private static Member badString(String name, String value, Random random) {
        return new Member(name, JsonText.quote(value, random), null, Verdict.REJECT, name + " '" + printable(value) + "'");
    }

    private static Member badNumber(String name, Random random, String... values) {
        String value = pick(List.of(values), random);
        return new Member(name, value, null, Verdict.REJECT, name + " " + value);
    }

    private Member badCodes(Field field, Random random) {
        List<String> known = codes(field);
        int choice = random.nextInt(4);
        if (choice == 0) {
            String repeated = pick(known, random);
            return strings(field.name(), List.of(repeated, repeated), Verdict.REJECT, field.name() + " repeated", random);
        }
        if (choice == 1) {
            List<String> many = new ArrayList<>();
            for (int i = 0; i <= field.maxItems(); i++) {
                many.add(known.get(i % known.size()));
            }
            return strings(field.name(), many, Verdict.REJECT, field.name() + " with " + many.size() + " items", random);
        }
        if (choice == 2) {
            return new Member(field.name(), "[\"" + pick(known, random) + "\",null]", null, Verdict.REJECT,
                    field.name() + " with a null item");
        }
        return strings(field.name(), List.of(pick(known, random), pick(List.of("petroleum", "STEEL", "steel ", ""), random)),
                Verdict.REJECT, field.name() + " with an unknown code", random);
    }

    private String name(int index, Random random) {
        String name = NAMES[random.nextInt(NAMES.length)] + " #" + index;
        if (random.nextInt(10) == 0) {
            name = name + "n".repeat(200 - name.length());
        }
        return name;
    }

    private static String text(Random random) {
        int choice = random.nextInt(20);
        if (choice == 0) {
            return "";
        }
        if (choice == 1) {
            return "a".repeat(4000);
        }
        StringBuilder text = new StringBuilder();
        int pieces = 1 + random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            text.append(TEXT_PIECES[random.nextInt(TEXT_PIECES.length)]);
        }
        return text.toString();
    }

    private static Member string(String key, String value, Random random) {
        return new Member(key, JsonText.quote(value, random), StringNode.valueOf(value));
    }

    private static Member strings(String key, List<String> values, Random random) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return new Member(key, array(values, random), array);
    }

    private static Member strings(String key, List<String> values, Verdict verdict, String mutation, Random random) {
        return new Member(key, array(values, random), null, verdict, mutation);
    }

    private static String array(List<String> values, Random random) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            json.append(i == 0 ? "" : ",").append(JsonText.space(random)).append(JsonText.quote(values.get(i), random));
        }
        return json.append(JsonText.space(random)).append(']').toString();
    }

    private static Member number(String key, long value) {
        String text = Long.toString(value);
        return new Member(key, text, JSON.readTree(text));
    }

    private List<String> codes(Field field) {
        List<String> known = codes.get(field.taxonomy());
        if (known == null || known.isEmpty()) {
            throw new IllegalStateException("no codes for taxonomy " + field.taxonomy());
        }
        return known;
    }

    private static String render(List<Member> members, String rendering, Random random) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            json.append(i == 0 ? "" : ",").append(JsonText.space(random)).append(JsonText.quote(member.key(), random))
                    .append(JsonText.space(random)).append(':').append(JsonText.space(random)).append(member.raw());
        }
        json.append(JsonText.space(random)).append('}');
        return rendered(json.toString(), rendering, random);
    }

    private static String rendered(String json, String rendering, Random random) {
        if (rendering == null) {
            return json;
        }
        return switch (rendering) {
            case "truncated" -> json.substring(0, 1 + random.nextInt(json.length() - 1));
            case "trailing garbage" -> json + pick(List.of("x", "}", ",{}", "{}", "[]", "null"), random);
            case "wrapped in an array" -> "[" + json + "]";
            case "null body" -> "null";
            case "number body" -> "42";
            case "string body" -> JsonText.quote(json, random);
            case "comment" -> "{/* note */" + json.substring(1);
            case "single quotes" -> json.length() > 2 ? "{'x':1," + json.substring(1) : "{'x':1}";
            case "trailing comma" -> json.substring(0, json.lastIndexOf('}')) + ",}";
            case "byte order mark" -> "\uFEFF" + json;
            case "empty body" -> "";
            case "blank body" -> " \n\t ";
            case "deep nesting" -> "{\"x\":" + "[".repeat(3000) + "]".repeat(3000) + "," + json.substring(1);
            default -> throw new IllegalArgumentException(rendering);
        };
    }

    // ---- transitions ----

    /** A review: decision and comment, valid or not. */
    public Case review(int index) {
        Random random = random("review", index);
        List<String> mutations = new ArrayList<>();
        String decision = pick(List.of("APPROVE", "REJECT", "REQUEST_CHANGES"), random);
        String decisionRaw = "\"" + decision + "\"";
        Verdict verdict = Verdict.ACCEPT;
        if (random.nextInt(5) == 0) {
            decisionRaw = pick(List.of("\"approve\"", "\"Approve\"", "\"APPROVED\"", "\" APPROVE\"", "\"\"", "0", "1",
                    "null", "true", "[\"APPROVE\"]", "{\"$ne\":null}", "\"REVOKE\"", "\"REOPEN\""), random);
            mutations.add("decision " + decisionRaw);
            decision = null;
            // Jackson reads enum names trimmed: a padded decision may count as the one it names, which is lenient, not unsafe
            verdict = decisionRaw.equals("\" APPROVE\"") ? Verdict.EITHER : Verdict.REJECT;
        }
        Comment comment = comment(random, "APPROVE".equals(decision) || decision == null);
        if (comment.mutation() != null) {
            mutations.add(comment.mutation());
        }
        verdict = verdict.and(comment.verdict());
        List<Member> members = new ArrayList<>();
        if (random.nextInt(15) == 0) {
            mutations.add("no decision");
            verdict = Verdict.REJECT;
        } else {
            members.add(new Member("decision", decisionRaw, null));
        }
        if (comment.raw() != null) {
            members.add(new Member("comment", comment.raw(), null));
        }
        return transition("review", index, members, verdict, mutations, decision, comment.stored(), random,
                List.of("status", "actor", "reason", "owner", "$set", "decisions"));
    }

    /** A revocation: its reason, required. */
    public Case revoke(int index) {
        Random random = random("revoke", index);
        List<String> mutations = new ArrayList<>();
        Comment reason = comment(random, false);
        if (reason.mutation() != null) {
            mutations.add(reason.mutation());
        }
        List<Member> members = new ArrayList<>();
        if (reason.raw() != null) {
            members.add(new Member("reason", reason.raw(), null));
        }
        return transition("revoke", index, members, reason.verdict(), mutations, null, reason.stored(), random,
                List.of("comment", "status", "actor", "$set", "until"));
    }

    /** The optional note of submit, withdraw and reopen; some send no body at all. */
    public Case note(int index) {
        Random random = random("note", index);
        if (random.nextInt(10) == 0) {
            return new Case(seed, index, null, Verdict.ACCEPT, List.of(), null, null, null);
        }
        List<String> mutations = new ArrayList<>();
        Comment comment = comment(random, true);
        if (comment.mutation() != null) {
            mutations.add(comment.mutation());
        }
        List<Member> members = new ArrayList<>();
        if (comment.raw() != null) {
            members.add(new Member("comment", comment.raw(), null));
        }
        Case note = transition("note", index, members, comment.verdict(), mutations, null, comment.stored(), random,
                List.of("status", "reason", "owner", "actor", "$set"));
        // a note is optional: an empty body is no body, and means no comment
        return note.json().isEmpty() ? new Case(seed, index, "", Verdict.ACCEPT, note.mutations(), null, null, null) : note;
    }

    private Case transition(String what, int index, List<Member> members, Verdict verdict, List<String> mutations,
            String decision, String stored, Random random, List<String> unknown) {
        String rendering = null;
        int structural = random.nextInt(10);
        if (structural == 0) {
            String key = pick(unknown, random);
            members.add(random.nextInt(members.size() + 1), new Member(key, "\"x\"", null));
            mutations.add("unknown field '" + key + "'");
            verdict = Verdict.REJECT;
        } else if (structural == 1 && !members.isEmpty()) {
            Member twice = members.get(random.nextInt(members.size()));
            members.add(new Member(twice.key(), twice.raw(), null));
            mutations.add("key '" + twice.key() + "' twice");
            verdict = Verdict.REJECT;
        } else if (structural == 2) {
            rendering = pick(List.of(RENDERINGS), random);
            mutations.add(rendering);
            verdict = verdict.and(rendering.equals("byte order mark") ? Verdict.EITHER : Verdict.REJECT);
        }
        return new Case(seed, index, render(members, rendering, random), verdict, List.copyOf(mutations), null, decision, stored);
    }

    /** A comment or reason: its JSON (null: left out), the verdict on it, and how the history must record it. */
    private record Comment(String raw, Verdict verdict, String stored, String mutation) {
    }

    private static Comment comment(Random random, boolean optional) {
        int choice = random.nextInt(12);
        if (choice == 0) {
            return new Comment(null, optional ? Verdict.ACCEPT : Verdict.REJECT, null, optional ? null : "left out");
        }
        if (choice == 1) {
            return new Comment("null", optional ? Verdict.ACCEPT : Verdict.REJECT, null, optional ? null : "null");
        }
        if (choice == 2) {
            return new Comment(pick(List.of("7", "true", "[]", "[\"x\"]", "{}", "{\"$gt\":\"\"}", "1.5"), random), Verdict.REJECT,
                    null, "of a wrong type");
        }
        String text = switch (choice) {
            case 3 -> pick(List.of("", "   ", "\t\n", "\u3000", " \u001c "), random);
            case 4 -> "c".repeat(MAX_COMMENT + 1);
            case 5 -> "  " + "c".repeat(MAX_COMMENT) + "\n ";
            case 6 -> "see " + pick(List.of(NOT_PRINTABLE), random) + " here";
            case 7 -> "\u001c\u001d edges stripped \u001f";
            default -> text(random);
        };
        String trimmed = text.strip();
        Verdict verdict;
        String mutation = null;
        if (trimmed.isEmpty()) {
            verdict = optional ? Verdict.ACCEPT : Verdict.REJECT;
            mutation = optional ? null : "blank";
        } else if (trimmed.length() > MAX_COMMENT || !PRINTABLE.matcher(trimmed).matches()) {
            verdict = Verdict.REJECT;
            mutation = trimmed.length() > MAX_COMMENT ? "too long" : "'" + printable(text) + "'";
        } else {
            verdict = Verdict.ACCEPT;
        }
        return new Comment(JsonText.quote(text, random), verdict, trimmed.isEmpty() ? null : trimmed, mutation);
    }

    // ---- helpers ----

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private static long pickLong(Random random, long... values) {
        return values[random.nextInt(values.length)];
    }

    private static List<String> distinct(List<String> values, int count, Random random) {
        List<String> shuffled = new ArrayList<>(values);
        Collections.shuffle(shuffled, random);
        return List.copyOf(shuffled.subList(0, Math.min(count, shuffled.size())));
    }

    /** A value as a reader can see it in a report: control characters and surrogates as escapes. */
    static String printable(String value) {
        StringBuilder text = new StringBuilder();
        String shown = value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + ")" : value;
        for (char c : shown.toCharArray()) {
            text.append(Character.isISOControl(c) || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029'
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return text.toString();
    }
}
