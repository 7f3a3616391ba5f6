package cn.beijing.iip.registry.core.entry;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code If-Match} header: the versions (entity tags) the caller expects, or {@code *}. A tag
 * that is not one of ours matches nothing, so the request gets 412, as RFC 9110 says.
 */
public record IfMatch(boolean present, boolean any, Set<Long> versions) {

    public static final IfMatch ABSENT = new IfMatch(false, false, Set.of());

    private static final Pattern TAG = Pattern.compile("\\s*(?:W/)?\"([^\"]*)\"\\s*");

    public static IfMatch parse(String header) {
        if (header == null || header.isBlank()) {
            return ABSENT;
        }
        if (header.strip().equals("*")) {
            return new IfMatch(true, true, Set.of());
        }
        Set<Long> versions = new HashSet<>();
        for (String part : header.split(",")) {
            Matcher matcher = TAG.matcher(part);
            if (matcher.matches() && matcher.group(1).matches("[0-9]{1,18}")) {
                versions.add(Long.parseLong(matcher.group(1)));
            }
        }
        return new IfMatch(true, false, Set.copyOf(versions));
    }

    /** Whether the precondition holds for an entry at {@code version}; an absent header always holds. */
    public boolean matches(long version) {
        return !present || any || versions.contains(version);
    }
}
