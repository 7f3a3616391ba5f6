package cn.beijing.iip.registry.core.kind;

/**
 * A list filter a kind adds to the common ones: {@code ?<parameter>=<code>} matches entries whose
 * {@code field} holds that code of {@code taxonomy}.
 */
public record CodeFilter(String parameter, String field, String taxonomy) {
}
