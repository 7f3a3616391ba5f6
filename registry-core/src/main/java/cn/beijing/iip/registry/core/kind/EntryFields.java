package cn.beijing.iip.registry.core.kind;

import java.util.List;

/**
 * The fields every kind of entry has, which the lifecycle reads: the name (unique per enterprise),
 * the filters (industries, region) and the declared revenue (the core-industry target).
 */
public interface EntryFields {

    String NAME = "name";
    String INDUSTRIES = "industries";
    String REGION = "region";
    String DECLARED_REVENUE = "declaredRevenueCny";

    String name();

    List<String> industries();

    String region();

    Long declaredRevenueCny();
}
