package cn.beijing.iip.registry.system.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import cn.beijing.iip.registry.system.support.Paths;
import cn.beijing.iip.registry.system.support.RegistrySystem;
import cn.beijing.iip.registry.system.support.SystemTest;

/**
 * The attack corpus (attacks/corpus.jsonl) against the whole running registry through the gateway:
 * every request gets the answer its row expects, never a server error, every refusal a problem+json,
 * nothing the victim has not published reaches anyone else, no stack trace or banner; the victim's
 * entries are exactly as they were afterwards, and no address a caller gave was ever fetched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttackCorpusIT extends SystemTest {

    private final String run = Long.toString(System.nanoTime() % 2_000_000_000L, 36);
    private final Listener listener;
    private final Cast cast;
    private final Plant plant;
    private final Map<String, Document> before;
    private CorpusRun corpus;

    AttackCorpusIT(RegistrySystem system) {
        super(system);
        long started = System.nanoTime();
        var jwks = Cast.jwks(system);
        listener = new Listener(jwks.toString());
        cast = new Cast(system, run, listener.url(), jwks);
        plant = new Plant(system, cast, run, listener.url());
        plant.plant();
        cast.prepareSlowTokens();
        before = plant.victimDocuments();
        System.out.printf("Attack corpus: planted the victim's entries and the cast in %.1f s%n",
                (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    void stopListening() {
        listener.close();
    }

    @Test
    @Order(1)
    void answersEveryAttackWithoutServerErrorLeakOrUnexplainedRefusal() {
        CorpusRun corpus = corpus();

        assertThat(corpus.findings()).as("findings of the attack corpus").isEmpty();
        assertThat(corpus.tally().requests()).isGreaterThanOrEqualTo(300);
        for (Category category : Category.values()) {
            assertThat(corpus.tally().requests(category)).as("requests of %s", category).isPositive();
        }
    }

    @Test
    @Order(2)
    void leavesTheVictimsEntriesExactlyAsTheyWere() {
        corpus();

        assertThat(plant.victimDocuments()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void neverFetchesAnAddressACallerGave() {
        corpus();
        // figures are recounted every second; give anything that might fetch a website time to do it
        sleep(Duration.ofSeconds(3));

        assertThat(listener.hits()).as("requests that reached the listener at %s", listener.url()).isEmpty();
    }

    private synchronized CorpusRun corpus() {
        if (corpus == null) {
            List<Attack> attacks = Corpus.load();
            long started = System.nanoTime();
            corpus = new CorpusRun(new Wire(http.base()), cast, plant, listener, system.keycloak().baseUrl().toString(), run);
            corpus.run(attacks);
            System.out.printf("Attack corpus: %d requests from %d rows, %d findings, in %.1f s%s%n%s%n",
                    corpus.tally().requests(), attacks.size(), corpus.findings().size(), (System.nanoTime() - started) / 1e9,
                    corpus.timeOuts() == 0 ? "" : " (" + corpus.timeOuts() + " gateway time-outs under load, sent again)",
                    corpus.tally().table());
            corpus.findings().forEach(finding -> System.out.println("FINDING " + finding));
            writeAnswers(corpus.answers());
        }
        return corpus;
    }

    /** Every request and its answer's status, for reading what the corpus met beyond the counts. */
    private static void writeAnswers(List<String> answers) {
        Path file = Paths.root().resolve("system-tests/target/attack-corpus-answers.tsv");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, answers);
            System.out.println("Attack corpus: every answer in " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
