package cn.beijing.iip.registry.core.kind;

/**
 * Validation group of the rules {@code submit} adds to the draft rules: a draft may be incomplete,
 * a submitted entry may not.
 */
public interface Complete {
}
