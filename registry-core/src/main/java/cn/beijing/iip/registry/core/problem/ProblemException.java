package cn.beijing.iip.registry.core.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.beijing.iip.registry.problem.ProblemType;

/** A request the registry refuses, with the problem+json body the caller gets. */
public class ProblemException extends RuntimeException {

    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

    private final ProblemType type;
    private final String detail;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ProblemException(ProblemType type, String detail) {
        super(type.slug() + ": " + detail, null, false, false);
        this.type = type;
        this.detail = detail;
    }

    public static ProblemException of(ProblemType type, String detail) {
        return new ProblemException(type, detail);
    }

    /** A 400 that names every field at fault. */
    public static ProblemException fields(ProblemType type, String detail, List<FieldProblem> errors) {
        return new ProblemException(type, detail).with("errors", List.copyOf(errors));
    }

    /**
     * Adds an extension member. The members RFC 9457 defines are refused: a second {@code status}
     * would give the body two members of that name, and clients would read the wrong one.
     */
    public ProblemException with(String name, Object value) {
        if (STANDARD_MEMBERS.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is a member of every problem; name the extension otherwise");
        }
        properties.put(name, value);
        return this;
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }
}
