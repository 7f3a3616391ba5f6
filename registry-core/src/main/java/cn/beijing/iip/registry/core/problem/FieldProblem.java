package cn.beijing.iip.registry.core.problem;

/** One field of a request that is missing or wrong, and why, e.g. {@code industries[0]}. */
public record FieldProblem(String field, String message) {
}
