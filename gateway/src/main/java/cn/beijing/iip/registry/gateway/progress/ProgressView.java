package cn.beijing.iip.registry.gateway.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What {@code GET /api/progress} answers. */
public record ProgressView(String title, String titleZh, LocalDate deadline, Instant asOf, List<Row> targets,
        Map<String, Map<String, Long>> entries) {

    /**
     * One target.
     *
     * @param available false while the figures behind it can't be read (its service or the store
     *                  is down); {@code achieved} is then the last figure known
     */
    public record Row(String target, String title, String titleZh, String unit, long goal, long achieved,
            double ratio, boolean available) {
    }
}
