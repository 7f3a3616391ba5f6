package cn.beijing.iip.registry.plan;

import java.util.Objects;

/**
 * One of the plan's targets.
 *
 * @param id      stable identifier, used in {@code /api/progress} and in metric tags
 * @param title   what the plan aims at, in English
 * @param titleZh the plan's own wording
 * @param goal    the figure to reach by the deadline
 * @param unit    {@code entries}, {@code enterprises} or {@code CNY}
 * @param measure how the achieved figure is counted
 * @param kind    the kind of entry counted; absent for measures that span kinds
 */
public record Target(String id, String title, String titleZh, long goal, String unit, Measure measure,
        EntryKind kind) {

    public static final String GATEWAY = "gateway";

    public Target {
        Objects.requireNonNull(id, "a target needs an id");
        Objects.requireNonNull(measure, "target " + id + " needs a measure");
        if (goal <= 0) {
            throw new IllegalArgumentException("target " + id + " needs a positive goal");
        }
        if (measure == Measure.CORE_INDUSTRY_REVENUE ? kind != null : kind == null) {
            throw new IllegalArgumentException("target " + id + ": a " + measure
                    + " target " + (kind == null ? "needs" : "takes no") + " kind");
        }
    }

    /** The application that computes and publishes this target's figure. */
    public String reportedBy() {
        return kind == null ? GATEWAY : kind.application();
    }
}
