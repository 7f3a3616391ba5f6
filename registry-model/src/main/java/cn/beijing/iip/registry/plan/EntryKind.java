package cn.beijing.iip.registry.plan;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of entry the registry holds, each owned by one service. */
public enum EntryKind {

    PLATFORMS("platforms", "platform-registry"),
    SOLUTION_PROVIDERS("solution-providers", "solution-providers"),
    SECURITY_PRODUCTS("security-products", "security-products");

    private final String code;
    private final String application;

    EntryKind(String code, String application) {
        this.code = code;
        this.application = application;
    }

    /** The kind as it appears in paths ({@code /api/<code>}), in entries and in metric tags. */
    public String code() {
        return code;
    }

    /** The application (service) that owns entries of this kind. */
    public String application() {
        return application;
    }

    public String path() {
        return "/api/" + code;
    }

    public static Optional<EntryKind> fromCode(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst();
    }
}
