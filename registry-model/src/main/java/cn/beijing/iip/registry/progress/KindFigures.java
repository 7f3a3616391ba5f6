package cn.beijing.iip.registry.progress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a service reports to the gateway at {@code /internal/figures}, counted from its database by
 * a periodic aggregation.
 *
 * @param kind                        the kind of entry the service owns
 * @param computedAt                  when the database was read
 * @param entriesByStatus             entries per state
 * @param targets                     the targets this service reports
 * @param oldestSubmission            when the entry that has waited longest for a review was
 *                                    submitted; null when none waits
 * @param largestApprovedRevenueByEnterprise for each enterprise with an APPROVED entry of this kind,
 *                                    keyed by credit code, the largest declared revenue among them
 */
public record KindFigures(String kind, Instant computedAt, Map<String, Long> entriesByStatus,
        List<TargetFigure> targets, Instant oldestSubmission, Map<String, Long> largestApprovedRevenueByEnterprise) {

    public static final String PATH = "/internal/figures";
}
