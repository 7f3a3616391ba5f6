package cn.beijing.iip.registry.core.entry;

/** The enterprise an entry belongs to, as its users' tokens name it. */
public record Owner(String creditCode, String name) {
}
