package cn.beijing.iip.coretest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.testing.Codes;
import tools.jackson.databind.JsonNode;

/** The figures and metrics the gateway and Prometheus read, counted from the database. */
class FiguresIT extends ApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private JsonNode figures() {
        return expect(http.get("/internal/figures").send(), 200).json();
    }

    private String scrape() {
        return expect(http.get("/actuator/prometheus").send(), 200).text();
    }

    /**
     * The value of the one sample of {@code name} whose labels include {@code labels} (each
     * {@code key="value"}), or NaN when there is none.
     */
    private static double sample(String scrape, String name, String... labels) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        Double found = null;
        while (line.find()) {
            String present = line.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= ("," + present + ",").contains("," + label + ",");
            }
            if (all) {
                assertThat(found).as("one sample of %s with %s", name, String.join(",", labels)).isNull();
                found = Double.parseDouble(line.group(2));
            }
        }
        return found == null ? Double.NaN : found;
    }

    @Test
    void countsApprovedEntriesTowardsTheTargetAndReportsRevenuePerEnterprise() {
        approved("Steel Cloud");
        String second = create(alice, complete("Iron Cloud"));
        expect(act(alice, second, "submit", null), 200);
        Map<String, Object> bigger = complete("Beta Cloud");
        bigger.put("declaredRevenueCny", 900_000_000L);
        String bobs = create(bob, bigger);
        expect(act(bob, bobs, "submit", null), 200);
        expect(review(bobs, "APPROVE", null), 200);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode figures = figures();
            assertThat(figures.get("kind").asString()).isEqualTo("platforms");
            assertThat(figures.get("entriesByStatus").get("APPROVED").asLong()).isEqualTo(2);
            assertThat(figures.get("entriesByStatus").get("SUBMITTED").asLong()).isEqualTo(1);
            assertThat(figures.get("entriesByStatus").get("REVOKED").asLong()).isZero();
            assertThat(figures.get("targets")).singleElement().satisfies(target -> {
                assertThat(target.get("target").asString()).isEqualTo("platforms");
                assertThat(target.get("goal").asLong()).isEqualTo(10);
                assertThat(target.get("achieved").asLong()).isEqualTo(2);
            });
            assertThat(figures.get("largestApprovedRevenueByEnterprise").get(A).asLong()).isEqualTo(300_000_000L);
            assertThat(figures.get("largestApprovedRevenueByEnterprise").get(B).asLong()).isEqualTo(900_000_000L);
            assertThat(figures.get("oldestSubmission").isNull()).isFalse();
        });
    }

    @Test
    void countsEntriesWrittenStraightIntoTheDatabase() {
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            insert("Approved " + i, EntryStatus.APPROVED, Codes.numbered(i), now, "steel", "beijing", 5_000L * (i + 1));
        }
        insert("Second of enterprise 2", EntryStatus.APPROVED, Codes.numbered(2), now, "steel", "beijing", 1_000L);
        insert("Revoked", EntryStatus.REVOKED, Codes.numbered(7), now, "steel", "beijing", 1L);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode figures = figures();
            assertThat(figures.get("entriesByStatus").get("APPROVED").asLong()).isEqualTo(4);
            assertThat(figures.get("entriesByStatus").get("REVOKED").asLong()).isEqualTo(1);
            assertThat(figures.get("largestApprovedRevenueByEnterprise").get(Codes.numbered(2)).asLong()).isEqualTo(15_000L);
            assertThat(figures.get("largestApprovedRevenueByEnterprise").size()).isEqualTo(3);
            String scrape = scrape();
            assertThat(sample(scrape, "iip_entries", "kind=\"platforms\"", "status=\"APPROVED\"")).isEqualTo(4.0);
            assertThat(sample(scrape, "iip_target_achieved", "target=\"platforms\"")).isEqualTo(4.0);
        });
    }

    @Test
    void keepsCountingWhenTheDatabaseHoldsAStateThisVersionDoesNotKnow() {
        Instant now = Instant.now();
        insert("Approved", EntryStatus.APPROVED, A, now, "steel", "beijing", 1L);
        // as a newer replica with one more state would write it during a rolling upgrade
        entries.insertOne(new Document("_id", "from-a-newer-version").append("status", "ARCHIVED")
                .append("owner", new Document("creditCode", B).append("name", "Beta")).append("nameKey", "archived"));
        insert("Second approved", EntryStatus.APPROVED, B, now, "steel", "beijing", 1L);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(figures().get("entriesByStatus").get("APPROVED").asLong()).isEqualTo(2);
            assertThat(Instant.parse(figures().get("computedAt").asString())).isAfter(now);
        });
    }

    @Test
    void publishesEntriesTargetsDecisionsLeadTimeAndBacklogToPrometheus() {
        String before = scrape();
        double approvals = zeroIfAbsent(sample(before, "iip_review_decisions_total", "kind=\"platforms\"", "decision=\"APPROVE\""));
        double rejections = zeroIfAbsent(sample(before, "iip_review_decisions_total", "kind=\"platforms\"", "decision=\"REJECT\""));
        double timed = zeroIfAbsent(sample(before, "iip_review_lead_time_seconds_count", "kind=\"platforms\""));

        approved("Steel Cloud");
        String rejected = create(alice, complete("Iron Cloud"));
        expect(act(alice, rejected, "submit", null), 200);
        expect(review(rejected, "REJECT", "not an industrial platform"), 200);
        insert("Waiting an hour", EntryStatus.SUBMITTED, B, Instant.now().minus(Duration.ofHours(1)), "steel", "beijing", 1L);

        await().atMost(PATIENCE).untilAsserted(() -> {
            String scrape = scrape();
            assertThat(sample(scrape, "iip_entries", "kind=\"platforms\"", "status=\"APPROVED\"")).isEqualTo(1.0);
            assertThat(sample(scrape, "iip_entries", "kind=\"platforms\"", "status=\"REJECTED\"")).isEqualTo(1.0);
            assertThat(sample(scrape, "iip_entries", "kind=\"platforms\"", "status=\"DRAFT\"")).isZero();
            assertThat(sample(scrape, "iip_target_goal", "target=\"platforms\"")).isEqualTo(10.0);
            assertThat(sample(scrape, "iip_target_achieved", "target=\"platforms\"")).isEqualTo(1.0);
            assertThat(sample(scrape, "iip_review_decisions_total", "kind=\"platforms\"", "decision=\"APPROVE\""))
                    .isEqualTo(approvals + 1);
            assertThat(sample(scrape, "iip_review_decisions_total", "kind=\"platforms\"", "decision=\"REJECT\""))
                    .isEqualTo(rejections + 1);
            assertThat(sample(scrape, "iip_review_lead_time_seconds_count", "kind=\"platforms\"")).isEqualTo(timed + 2);
            assertThat(sample(scrape, "iip_review_lead_time_seconds_bucket", "kind=\"platforms\"", "le=\"+Inf\""))
                    .isEqualTo(timed + 2);
            assertThat(sample(scrape, "iip_review_lead_time_seconds_bucket", "kind=\"platforms\"", "le=\"86400.0\""))
                    .isGreaterThanOrEqualTo(timed + 2);
            assertThat(sample(scrape, "iip_submission_oldest_age_seconds", "kind=\"platforms\""))
                    .isBetween(3600.0, 3600.0 + PATIENCE.toSeconds() + 60);
        });
    }

    @Test
    void tagsEverySeriesWithTheApplication() {
        String scrape = scrape();

        for (String name : new String[] {"iip_entries", "iip_target_goal", "iip_target_achieved", "iip_review_decisions_total",
                "iip_review_lead_time_seconds_bucket", "iip_submission_oldest_age_seconds"}) {
            Matcher series = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\}").matcher(scrape);
            assertThat(series.find()).as(name).isTrue();
            do {
                assertThat(series.group(1)).as(name).contains("application=\"platform-registry\"");
            } while (series.find());
        }
    }

    @Test
    void reportsNoBacklogWhenNothingWaits() {
        approved("Steel Cloud");

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(sample(scrape(), "iip_submission_oldest_age_seconds", "kind=\"platforms\"")).isZero();
            assertThat(figures().get("oldestSubmission").isNull()).isTrue();
        });
    }

    private static double zeroIfAbsent(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
