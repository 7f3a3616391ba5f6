package cn.beijing.iip.registry.core.kind;

import java.util.List;

import cn.beijing.iip.registry.problem.ProblemType;

/**
 * A uniqueness a kind adds to "one name per enterprise", enforced by a unique index of the store
 * (never by looking first), with the 409 a caller gets when it is broken.
 *
 * @param indexName the index's name, which the store reports on a duplicate
 * @param keys      the document paths the index covers
 */
public record UniqueRule(String indexName, List<String> keys, ProblemType problem, String detail) {
}
