package cn.beijing.iip.registry.system.attacks;

import java.util.random.RandomGenerator;

/**
 * JSON text written by hand, so that a body can be anything a client might send: every string escaped
 * correctly but each character chosen at random to go raw or as a {@code \}{@code uXXXX} escape, and
 * white space of every kind between tokens.
 */
public final class JsonText {

    private static final String[] SPACES = {"", "", "", " ", "\n", "\t", "\r\n", "  "};

    private JsonText() {
    }

    /** {@code value} as a JSON string; unpaired surrogates can only be written as escapes, so they always are. */
    public static String quote(String value, RandomGenerator random) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append(random.nextBoolean() ? "\\n" : "\\u000a");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                case '/' -> json.append(random.nextInt(4) == 0 ? "\\/" : "/");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) || (c > 0x7E && random.nextInt(3) == 0)) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    /** White space a client may put between tokens. */
    public static String space(RandomGenerator random) {
        return SPACES[random.nextInt(SPACES.length)];
    }
}
