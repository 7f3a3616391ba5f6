package cn.beijing.iip.registry.gateway.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import cn.beijing.iip.registry.gateway.config.GatewayProperties;
import cn.beijing.iip.registry.metrics.MetricNames;
import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.plan.Measure;
import cn.beijing.iip.registry.plan.Plan;
import cn.beijing.iip.registry.plan.Target;
import cn.beijing.iip.registry.progress.KindFigures;
import cn.beijing.iip.registry.progress.TargetFigure;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The plan's progress, merged from the figures each service counts in its database: fetched every
 * few seconds and cached, so {@code /api/progress} costs the same whatever the number of entries.
 * The gateway itself counts the core-industry revenue: for every enterprise the largest declared
 * revenue among its approved entries of any kind, summed.
 */
@Component
public class Progress {

    /** Figures older than this are not shown as current (the services recount every few seconds). */
    static final Duration STALE_AFTER = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(Progress.class);

    private final Plan plan;
    private final GatewayProperties properties;
    private final WebClient client;
    private final Clock clock;
    private final Map<EntryKind, Reading> readings = new ConcurrentHashMap<>();
    private final AtomicReference<ProgressView> view = new AtomicReference<>();

    /** The last figures a service answered with, and whether its latest answer came. */
    record Reading(KindFigures figures, boolean reachable) {
    }

    public Progress(Plan plan, GatewayProperties properties, MeterRegistry registry) {
        this.plan = plan;
        this.properties = properties;
        // Boot's WebClient.Builder lives in spring-boot-webclient, which the reachable Central lacks for 4.1.1
        this.client = WebClient.create();
        this.clock = Clock.systemUTC();
        this.view.set(merge());
        for (Target target : plan.reportedBy(Target.GATEWAY)) {
            Gauge.builder(MetricNames.TARGET_GOAL, target::goal).tag(MetricNames.TAG_TARGET, target.id())
                    .description("The plan's goal for a target").register(registry);
            Gauge.builder(MetricNames.TARGET_ACHIEVED, this, progress -> progress.achieved(target.id()))
                    .tag(MetricNames.TAG_TARGET, target.id()).description("What has been achieved towards a target")
                    .register(registry);
        }
    }

    public ProgressView current() {
        return view.get();
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${iip.gateway.figures-refresh:5s}")
    public void refresh() {
        Flux.fromArray(EntryKind.values())
                .flatMap(kind -> fetch(kind).map(figures -> Map.entry(kind, new Reading(figures, true)))
                        .onErrorResume(e -> {
                            log.warn("figures of {} not reachable: {}", kind.code(), e.toString());
                            Reading last = readings.get(kind);
                            return Mono.just(Map.entry(kind, new Reading(last == null ? null : last.figures(), false)));
                        }))
                .doOnNext(reading -> readings.put(reading.getKey(), reading.getValue()))
                .then()
                .block(Duration.ofSeconds(10));
        view.set(merge());
    }

    /** Tries the service's instances in turn; any one has the same figures (they read one database). */
    private Mono<KindFigures> fetch(EntryKind kind) {
        Mono<KindFigures> attempt = Mono.error(new IllegalStateException("no instance of " + kind.code()));
        for (String url : properties.urls(kind.code())) {
            Mono<KindFigures> next = client.get().uri(url + KindFigures.PATH).retrieve().bodyToMono(KindFigures.class)
                    .timeout(Duration.ofSeconds(2));
            attempt = attempt.onErrorResume(e -> next);
        }
        return attempt;
    }

    ProgressView merge() {
        Instant now = clock.instant();
        Map<String, Long> revenue = new HashMap<>();
        boolean allCurrent = true;
        Map<String, Map<String, Long>> entries = new LinkedHashMap<>();
        for (EntryKind kind : EntryKind.values()) {
            Reading reading = readings.get(kind);
            allCurrent &= current(reading, now);
            if (reading != null && reading.figures() != null) {
                reading.figures().largestApprovedRevenueByEnterprise().forEach((code, amount) -> revenue.merge(code, amount, Math::max));
                entries.put(kind.code(), reading.figures().entriesByStatus());
            }
        }
        List<ProgressView.Row> rows = new ArrayList<>();
        for (Target target : plan.targets()) {
            long achieved;
            boolean available;
            if (target.measure() == Measure.CORE_INDUSTRY_REVENUE) {
                achieved = revenue.values().stream().mapToLong(Long::longValue).sum();
                available = allCurrent;
            } else {
                Reading reading = readings.get(target.kind());
                available = current(reading, now);
                achieved = reading == null || reading.figures() == null ? 0 : reading.figures().targets().stream()
                        .filter(figure -> figure.target().equals(target.id())).mapToLong(TargetFigure::achieved)
                        .findFirst().orElse(0);
            }
            double ratio = Math.round(achieved * 10_000.0 / target.goal()) / 10_000.0;
            rows.add(new ProgressView.Row(target.id(), target.title(), target.titleZh(), target.unit(), target.goal(),
                    achieved, ratio, available));
        }
        return new ProgressView(plan.title(), plan.titleZh(), plan.deadline(), now, rows, entries);
    }

    private static boolean current(Reading reading, Instant now) {
        return reading != null && reading.reachable() && reading.figures() != null
                && Duration.between(reading.figures().computedAt(), now).compareTo(STALE_AFTER) < 0;
    }

    private double achieved(String target) {
        return view.get().targets().stream().filter(row -> row.target().equals(target))
                .mapToDouble(ProgressView.Row::achieved).findFirst().orElse(Double.NaN);
    }
}
