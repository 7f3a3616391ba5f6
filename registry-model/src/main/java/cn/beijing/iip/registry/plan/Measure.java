package cn.beijing.iip.registry.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a target's achieved figure is counted from approved entries. */
public enum Measure {

    /** The number of APPROVED entries of the target's kind. */
    @JsonProperty("approved-entries")
    APPROVED_ENTRIES,

    /** The number of distinct enterprises with at least one APPROVED entry of the target's kind. */
    @JsonProperty("approved-enterprises")
    APPROVED_ENTERPRISES,

    /**
     * The sum over enterprises of the largest declared revenue among all their APPROVED entries of
     * any kind; it spans services, so the gateway computes it.
     */
    @JsonProperty("core-industry-revenue")
    CORE_INDUSTRY_REVENUE
}
