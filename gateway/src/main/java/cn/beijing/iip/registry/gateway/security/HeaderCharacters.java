package cn.beijing.iip.registry.gateway.security;

/**
 * The firewall's rule for the characters of header and parameter names and values, the same as Spring
 * Security's strict default (every code point assigned, no control character; a tab allowed in header
 * values), checked with a loop instead of the default's regular expression of Unicode classes, which
 * cost most over the 1.5 KB Authorization header.
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    static boolean allowedName(String name) {
        return name == null || allowed(name, false);
    }

    static boolean allowedValue(String value) {
        return value == null || allowed(value, true);
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // printable ASCII is assigned and no control character: the common case, decided at once
            if (c < 0x20 || c >= 0x7F) {
                return text.codePoints().skip(i).allMatch(codePoint -> allowed(codePoint, tab));
            }
        }
        return true;
    }

    private static boolean allowed(int codePoint, boolean tab) {
        int type = Character.getType(codePoint);
        return type != Character.UNASSIGNED && (type != Character.CONTROL || (tab && codePoint == '\t'));
    }
}
