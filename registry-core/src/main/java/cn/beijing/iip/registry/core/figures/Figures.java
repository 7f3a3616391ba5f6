package cn.beijing.iip.registry.core.figures;

import static com.mongodb.client.model.Accumulators.max;
import static com.mongodb.client.model.Accumulators.sum;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mongodb.MongoException;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;

import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.kind.EntryFields;
import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.core.store.EntryDocuments;
import cn.beijing.iip.registry.core.store.EntryRepository;
import cn.beijing.iip.registry.plan.Plan;
import cn.beijing.iip.registry.plan.Target;
import cn.beijing.iip.registry.progress.KindFigures;
import cn.beijing.iip.registry.progress.TargetFigure;

/**
 * The figures of this kind, counted from the database by two aggregations and one indexed read every few seconds
 * ({@code iip.figures.refresh}) and cached: scrapes, {@code /internal/figures} and the gateway's
 * progress read the cache, so their cost does not grow with the number of entries, and every replica
 * reports the same figures because each reads the same database.
 */
@Component
public class Figures {

    private static final Logger log = LoggerFactory.getLogger(Figures.class);

    private final EntryRepository repository;
    private final KindDefinition<?> kind;
    private final List<Target> targets;
    private final Clock clock;
    private final AtomicReference<KindFigures> current = new AtomicReference<>();

    public Figures(EntryRepository repository, KindDefinition<?> kind, Plan plan, Clock clock) {
        this.repository = repository;
        this.kind = kind;
        this.targets = plan.counting(kind.kind());
        this.clock = clock;
    }

    public Optional<KindFigures> current() {
        return Optional.ofNullable(current.get());
    }

    public List<Target> targets() {
        return targets;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${iip.figures:5s}")
    public void refresh() {
        try {
            current.set(compute());
        } catch (MongoException e) {
            log.warn("figures not refreshed, the store is not reachable: {}", e.getMessage());
        }
    }

    KindFigures compute() {
        Map<EntryStatus, Long> byStatus = new EnumMap<>(EntryStatus.class);
        for (EntryStatus status : EntryStatus.values()) {
            byStatus.put(status, 0L);
        }
        repository.collection().aggregate(List.of(Aggregates.group("$" + EntryDocuments.STATUS, sum("n", 1))))
                .forEach(group -> known(group.get("_id")).ifPresent(status -> byStatus.put(status, number(group.get("n")))));

        Map<String, Long> revenue = new LinkedHashMap<>();
        repository.collection().aggregate(List.of(
                        Aggregates.match(Filters.eq(EntryDocuments.STATUS, EntryStatus.APPROVED.name())),
                        Aggregates.group("$" + EntryDocuments.OWNER_CODE,
                                max("revenue", "$" + EntryDocuments.field(EntryFields.DECLARED_REVENUE))),
                        Aggregates.sort(new Document("_id", 1))))
                .forEach(group -> revenue.put(group.getString("_id"), number(group.get("revenue"))));

        Document oldest = repository.collection()
                .find(Filters.eq(EntryDocuments.STATUS, EntryStatus.SUBMITTED.name()))
                .sort(new Document(EntryDocuments.SUBMITTED_AT, 1)).limit(1).first();
        java.time.Instant oldestSubmission = oldest == null || oldest.getDate(EntryDocuments.SUBMITTED_AT) == null
                ? null : oldest.getDate(EntryDocuments.SUBMITTED_AT).toInstant();

        List<TargetFigure> figures = new ArrayList<>();
        for (Target target : targets) {
            long achieved = switch (target.measure()) {
                case APPROVED_ENTRIES -> byStatus.get(EntryStatus.APPROVED);
                case APPROVED_ENTERPRISES -> revenue.size();
                case CORE_INDUSTRY_REVENUE -> throw new IllegalStateException("the gateway counts " + target.id());
            };
            figures.add(new TargetFigure(target.id(), target.goal(), achieved));
        }
        Map<String, Long> statuses = new LinkedHashMap<>();
        byStatus.forEach((status, n) -> statuses.put(status.name(), n));
        return new KindFigures(kind.kind().code(), clock.instant(), statuses, figures, oldestSubmission, revenue);
    }

    /**
     * The state a group stands for; a state this version does not know (written by a newer replica
     * during a rolling upgrade) is left out rather than stopping every count.
     */
    private static Optional<EntryStatus> known(Object status) {
        return Arrays.stream(EntryStatus.values()).filter(known -> known.name().equals(status)).findFirst();
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
