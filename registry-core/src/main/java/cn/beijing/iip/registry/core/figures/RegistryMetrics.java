package cn.beijing.iip.registry.core.figures;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.springframework.stereotype.Component;

import cn.beijing.iip.registry.core.entry.Decision;
import cn.beijing.iip.registry.core.entry.DecisionListener;
import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.metrics.MetricNames;
import cn.beijing.iip.registry.plan.Target;
import cn.beijing.iip.registry.progress.KindFigures;
import cn.beijing.iip.registry.progress.TargetFigure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The registry's metrics: gauges read the cached {@link Figures} (never the database on a scrape);
 * review decisions and their lead time are counted as they happen.
 */
@Component
public class RegistryMetrics implements DecisionListener {

    /** Lead-time buckets from a minute to a quarter, so that a p90 of days can be read from the histogram. */
    private static final Duration[] LEAD_TIME_BUCKETS = {Duration.ofMinutes(1), Duration.ofMinutes(10),
            Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(3),
            Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(30), Duration.ofDays(60), Duration.ofDays(90)};

    private final Map<Decision, Counter> decisions = new EnumMap<>(Decision.class);
    private final Timer leadTime;

    public RegistryMetrics(MeterRegistry registry, Figures figures, KindDefinition<?> kind) {
        String code = kind.kind().code();
        for (EntryStatus status : EntryStatus.values()) {
            gauge(figures, MetricNames.ENTRIES, f -> f.entriesByStatus().getOrDefault(status.name(), 0L))
                    .tag(MetricNames.TAG_KIND, code).tag(MetricNames.TAG_STATUS, status.name()).register(registry);
        }
        for (Target target : figures.targets()) {
            Gauge.builder(MetricNames.TARGET_GOAL, target::goal).tag(MetricNames.TAG_TARGET, target.id())
                    .description("The plan's goal for a target").register(registry);
            gauge(figures, MetricNames.TARGET_ACHIEVED, f -> achieved(f, target.id()))
                    .tag(MetricNames.TAG_TARGET, target.id()).description("What has been achieved towards a target")
                    .register(registry);
        }
        gauge(figures, MetricNames.OLDEST_SUBMISSION_AGE, f -> f.oldestSubmission() == null ? 0
                        : Duration.between(f.oldestSubmission(), java.time.Instant.now()).toMillis() / 1000.0)
                .tag(MetricNames.TAG_KIND, code).baseUnit("seconds")
                .description("How long the longest-waiting submission has waited for a review").register(registry);
        Gauge.builder(MetricNames.FIGURES_AGE, figures, f -> f.current()
                        .map(current -> Duration.between(current.computedAt(), java.time.Instant.now()).toMillis() / 1000.0)
                        .orElse(Double.NaN))
                .baseUnit("seconds").description("Age of the figures behind the gauges").register(registry);
        for (Decision decision : Decision.values()) {
            decisions.put(decision, Counter.builder(MetricNames.REVIEW_DECISIONS)
                    .tag(MetricNames.TAG_KIND, code).tag(MetricNames.TAG_DECISION, decision.name())
                    .description("Review decisions taken").register(registry));
        }
        leadTime = Timer.builder(MetricNames.REVIEW_LEAD_TIME).tag(MetricNames.TAG_KIND, code)
                .description("Time from submission to a review decision")
                .serviceLevelObjectives(LEAD_TIME_BUCKETS)
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofDays(90))
                .register(registry);
    }

    @Override
    public void decided(Decision decision, Duration waited) {
        decisions.get(decision).increment();
        leadTime.record(waited);
    }

    private static Gauge.Builder<Figures> gauge(Figures figures, String name,
            ToDoubleFunction<KindFigures> value) {
        return Gauge.builder(name, figures, f -> f.current().map(value::applyAsDouble).orElse(Double.NaN));
    }

    private static double achieved(KindFigures figures, String target) {
        return figures.targets().stream().filter(figure -> figure.target().equals(target))
                .mapToDouble(TargetFigure::achieved).findFirst().orElse(Double.NaN);
    }
}
