package cn.beijing.iip.registry.metrics;

/**
 * Micrometer names of the registry's own metrics; Prometheus sees them with dots as underscores
 * ({@code iip_entries}, {@code iip_review_decisions_total}, {@code iip_review_lead_time_seconds}).
 */
public final class MetricNames {

    public static final String ENTRIES = "iip.entries";
    public static final String TARGET_GOAL = "iip.target.goal";
    public static final String TARGET_ACHIEVED = "iip.target.achieved";
    public static final String REVIEW_DECISIONS = "iip.review.decisions";
    public static final String REVIEW_LEAD_TIME = "iip.review.lead.time";
    /** Seconds the longest-waiting submission has waited for a review (0 when none waits). */
    public static final String OLDEST_SUBMISSION_AGE = "iip.submission.oldest.age";
    /** Seconds since the figures behind the gauges were last read from the database. */
    public static final String FIGURES_AGE = "iip.figures.age";

    public static final String TAG_KIND = "kind";
    public static final String TAG_STATUS = "status";
    public static final String TAG_TARGET = "target";
    public static final String TAG_DECISION = "decision";
    public static final String TAG_APPLICATION = "application";

    private MetricNames() {
    }
}
