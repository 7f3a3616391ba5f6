package cn.beijing.iip.registry.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.beijing.iip.registry.core.demo.DemoLoader;
import cn.beijing.iip.registry.core.entry.Entry;
import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.entry.HistoryRow;
import cn.beijing.iip.registry.core.store.EntryDocuments;
import cn.beijing.iip.registry.identity.CreditCode;
import tools.jackson.databind.JsonNode;

/**
 * What every service's demo file must give a person who starts the registry with demo data: valid
 * entries that load once however often the loader runs, a public list and a review queue, reviewers'
 * comments where entries were sent back, and removal that spares real entries.
 */
public abstract class DemoDataTest extends ServiceApiTest {

    @Autowired
    protected DemoLoader demo;

    /** How many demo entries of this kind are in each state. */
    protected abstract Map<EntryStatus, Integer> expectedStatuses();

    protected int expectedTotal() {
        return expectedStatuses().values().stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void acceptsItsDemoFile() {
        List<Entry> entries = demo.entries();

        Map<EntryStatus, Integer> statuses = entries.stream()
                .collect(Collectors.groupingBy(Entry::status, TreeMap::new, Collectors.summingInt(entry -> 1)));
        assertThat(statuses).isEqualTo(new TreeMap<>(expectedStatuses()));
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.demo()).isTrue();
            assertThat(UUID.fromString(entry.id()).toString()).isEqualTo(entry.id());
            assertThat(CreditCode.isValid(entry.owner().creditCode())).isTrue();
        });
    }

    @Test
    void loadsEachDemoEntryOnceHoweverOftenItRuns() {
        assertThat(demo.load()).isEqualTo(expectedTotal());
        assertThat(demo.load()).isZero();

        assertThat(entries.countDocuments()).isEqualTo(expectedTotal());
        assertThat(entries.countDocuments(new Document(EntryDocuments.DEMO, true))).isEqualTo(expectedTotal());
    }

    @Test
    void removesDemoEntriesAndNothingElse() {
        demo.load();
        String real = created(alice, Map.of("name", unique("A real entry")));

        assertThat(demo.remove()).isEqualTo(expectedTotal());

        assertThat(entries.countDocuments()).isEqualTo(1);
        assertThat(expect(read(alice, real), 200).json().get("demo").asBoolean()).isFalse();
        assertThat(demo.load()).isEqualTo(expectedTotal());
    }

    @Test
    void showsApprovedDemoEntriesToEveryoneAndQueuesSubmittedOnesOldestFirst() {
        demo.load();

        JsonNode open = expect(http.get(path() + "?size=100").send(), 200).json();
        assertThat(open.get("total").asInt()).isEqualTo(expectedStatuses().get(EntryStatus.APPROVED));
        open.get("items").forEach(item -> {
            assertThat(item.get("status").asString()).isEqualTo("APPROVED");
            assertThat(item.get("demo").asBoolean()).isTrue();
        });

        JsonNode queue = expect(http.get(path() + "?status=SUBMITTED&sort=submitted").token(reviewer).send(), 200).json();
        assertThat(queue.get("total").asInt()).isEqualTo(expectedStatuses().get(EntryStatus.SUBMITTED));
        assertThat(queue.get("items").findValuesAsString("submittedAt")).isSorted();
    }

    @Test
    void keepsTheReviewersCommentsOnEntriesSentBack() {
        demo.load();

        for (Entry entry : demo.entries()) {
            if (entry.status() == EntryStatus.CHANGES_REQUESTED || entry.status() == EntryStatus.REJECTED) {
                JsonNode history = expect(http.get(path(entry.id(), "history")).token(reviewer).send(), 200).json();
                JsonNode decision = history.get(history.size() - 1);
                assertThat(decision.get("to").asString()).isEqualTo(entry.status().name());
                assertThat(decision.get("comment").asString()).isNotBlank();
            }
        }
    }

    @Test
    void datesEveryDecisionInsideThePlansYears() {
        for (Entry entry : demo.entries()) {
            for (HistoryRow row : entry.history()) {
                if (row.from() == EntryStatus.SUBMITTED) {
                    assertThat(row.at().atZone(ZoneOffset.UTC).getYear()).as(entry.name()).isBetween(2022, 2023);
                }
            }
            assertThat(entry.createdAt()).as(entry.name()).isBeforeOrEqualTo(entry.updatedAt());
        }
    }
}
