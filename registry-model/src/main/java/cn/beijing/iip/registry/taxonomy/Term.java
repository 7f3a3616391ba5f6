package cn.beijing.iip.registry.taxonomy;

/** One code of a taxonomy with its Chinese and English names. */
public record Term(String code, String zh, String en) {
}
