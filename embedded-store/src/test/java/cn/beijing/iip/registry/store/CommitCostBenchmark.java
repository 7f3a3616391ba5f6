package cn.beijing.iip.registry.store;

import static com.mongodb.client.model.Filters.eq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

/**
 * What committing before the acknowledgement costs. Starts three stores in their own JVMs
 * (-Xmx256m each): (a) this module's H2 store, committing every write before acknowledging it,
 * (b) the upstream H2 backend with its default background commit, which can lose the last second of
 * acknowledged writes, (c) the memory backend. Then, over loopback with the official driver, runs
 * interleaved rounds (the order rotates each round, after warm-up rounds) of: inserts from one
 * client thread, inserts from four, and reads by _id from four; prints the medians and the ratios
 * (a)/(b) and (a)/(c) as a Markdown table.
 * <p>
 * Run: {@code ./mvnw -q -pl embedded-store test-compile exec:exec@benchmark}, optionally with
 * {@code -Dbenchmark.args="--warm-ups=2 --rounds=5 --inserts=2000 --reads=10000"} (the defaults).
 */
public final class CommitCostBenchmark {

    private static final int THREADS = 4;

    private record Store(String label, StoreProcess process, MongoClient client, Path file) {
    }

    private record Workload(String name, String unit) {
    }

    private static final Workload SINGLE = new Workload("inserts/s, 1 client thread", "inserts");
    private static final Workload PARALLEL = new Workload("inserts/s, 4 client threads", "inserts");
    private static final Workload READS = new Workload("reads by _id/s, 4 client threads", "reads");
    private static final List<Workload> WORKLOADS = List.of(SINGLE, PARALLEL, READS);

    private CommitCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmUps = argument(args, "--warm-ups", 2);
        int rounds = argument(args, "--rounds", 5);
        int inserts = argument(args, "--inserts", 2000);
        int reads = argument(args, "--reads", 10000);
        Path work = Files.createTempDirectory("store-benchmark");
        List<Store> stores = new ArrayList<>();
        try {
            stores.add(start("(a) H2, commit before ack", StoreProcess.fromClasspath("--port=0", "--data=" + work.resolve("a")), work.resolve("a")));
            stores.add(start("(b) H2, background commit", StoreProcess.mainClass(BackgroundCommitStore.class, "--port=0", "--data=" + work.resolve("b")), work.resolve("b")));
            stores.add(start("(c) memory", StoreProcess.fromClasspath("--port=0", "--memory"), null));

            Map<Store, Map<Workload, List<Double>>> results = new LinkedHashMap<>();
            stores.forEach(store -> results.put(store, new LinkedHashMap<>()));
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                for (int round = 1 - warmUps; round <= rounds; round++) {
                    for (int i = 0; i < stores.size(); i++) {
                        Store store = stores.get(Math.floorMod(i + round, stores.size()));
                        Map<Workload, Double> measured = measure(store, pool, inserts, reads);
                        if (round > 0) {
                            measured.forEach((workload, rate) -> results.get(store)
                                    .computeIfAbsent(workload, w -> new ArrayList<>()).add(rate));
                        }
                    }
                    System.err.println(round > 0 ? "round " + round + " of " + rounds + " done" : "warm-up round done, not counted");
                }
            } finally {
                pool.shutdownNow();
            }
            print(results, warmUps, rounds, inserts, reads);
        } finally {
            for (Store store : stores) {
                store.client().close();
                store.process().close();
            }
            deleteRecursively(work);
        }
    }

    private static Store start(String label, List<String> command, Path directory) {
        StoreProcess process = StoreProcess.startReady(command);
        Path file = directory == null ? null : directory.resolve(StoreOptions.Storage.File.FILE_NAME);
        return new Store(label, process, Clients.connect(process.uri()), file);
    }

    private static Map<Workload, Double> measure(Store store, ExecutorService pool, int inserts, int reads) throws Exception {
        Map<Workload, Double> rates = new LinkedHashMap<>();
        MongoCollection<Document> entries = freshCollection(store.client());
        rates.put(SINGLE, perSecond(inserts, () -> {
            for (int i = 0; i < inserts; i++) {
                entries.insertOne(entry());
            }
        }));

        MongoCollection<Document> parallel = freshCollection(store.client());
        List<String> ids = new ArrayList<>();
        rates.put(PARALLEL, perSecond(inserts, () -> inParallel(pool, inserts, parallel, ids)));

        rates.put(READS, perSecond(reads, () -> {
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                readers.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < reads / THREADS; i++) {
                        if (parallel.find(eq("_id", ids.get(random.nextInt(ids.size())))).first() == null) {
                            throw new IllegalStateException("an inserted entry is missing");
                        }
                    }
                }));
            }
            join(readers);
        }));
        return rates;
    }

    private static void inParallel(ExecutorService pool, int inserts, MongoCollection<Document> entries, List<String> ids) {
        List<Future<List<String>>> writers = IntStream.range(0, THREADS).mapToObj(t -> pool.submit(() -> {
            List<String> written = new ArrayList<>();
            for (int i = 0; i < inserts / THREADS; i++) {
                Document entry = entry();
                entries.insertOne(entry);
                written.add(entry.getString("_id"));
            }
            return written;
        })).toList();
        for (Future<List<String>> writer : writers) {
            try {
                ids.addAll(writer.get());
            } catch (Exception e) {
                throw new IllegalStateException("a writer failed", e);
            }
        }
    }

    private static void join(List<Future<?>> tasks) {
        for (Future<?> task : tasks) {
            try {
                task.get();
            } catch (Exception e) {
                throw new IllegalStateException("a reader failed", e);
            }
        }
    }

    private static MongoCollection<Document> freshCollection(MongoClient client) {
        MongoCollection<Document> entries = client.getDatabase("bench").getCollection("entries");
        entries.drop();
        // the registry's own unique index, so each insert also maintains a secondary key
        entries.createIndex(Indexes.ascending("owner.creditCode", "nameKey"),
                new IndexOptions().name("owner_name_unique").unique(true));
        return entries;
    }

    /** An entry shaped like the registry's: about 700 bytes of BSON. */
    private static Document entry() {
        String id = UUID.randomUUID().toString();
        Date now = new Date();
        return new Document("_id", id)
                .append("kind", "platforms")
                .append("status", "DRAFT")
                .append("version", 1L)
                .append("owner", new Document("creditCode", "91110000" + id.substring(0, 10)).append("name", "Beijing Example Industrial Co., Ltd."))
                .append("nameKey", "platform " + id)
                .append("demo", false)
                .append("fields", new Document("name", "Platform " + id)
                        .append("industries", List.of("automotive", "steel"))
                        .append("region", "beijing")
                        .append("description", "Connected commercial-vehicle after-market platform serving fleets across the region")
                        .append("connectedDevices", 2_200_000L)
                        .append("enterprisesServed", 2307L)
                        .append("declaredRevenueCny", 500_000_000L))
                .append("history", List.of(new Document("from", null).append("to", "DRAFT")
                        .append("actor", "enterprise-a").append("at", now)))
                .append("createdAt", now)
                .append("updatedAt", now);
    }

    private static double perSecond(int operations, Runnable work) {
        long start = System.nanoTime();
        work.run();
        return operations / ((System.nanoTime() - start) / 1e9);
    }

    private static void print(Map<Store, Map<Workload, List<Double>>> results, int warmUps, int rounds, int inserts, int reads) {
        List<Store> stores = List.copyOf(results.keySet());
        StringBuilder table = new StringBuilder();
        table.append(String.format("%nMedians of %d interleaved rounds after %d warm-up rounds; %d inserts and %d reads per round and store; "
                + "%d CPUs, Java %s.%n%n", rounds, warmUps, inserts, reads, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        table.append("| workload |");
        stores.forEach(store -> table.append(' ').append(store.label()).append(" |"));
        table.append(" (a)/(b) | (a)/(c) |\n|---|");
        stores.forEach(store -> table.append("---:|"));
        table.append("---:|---:|\n");
        for (Workload workload : WORKLOADS) {
            table.append("| ").append(workload.name()).append(" |");
            List<Double> medians = stores.stream().map(store -> median(results.get(store).get(workload))).toList();
            medians.forEach(median -> table.append(String.format(" %,.0f |", median)));
            table.append(String.format(" %.2f | %.2f |%n", medians.get(0) / medians.get(1), medians.get(0) / medians.get(2)));
        }
        table.append("\nEvery round per store (").append(String.join(", ", WORKLOADS.stream().map(Workload::name).toList())).append("):\n");
        for (Store store : stores) {
            table.append("- ").append(store.label()).append(": ");
            table.append(String.join("; ", WORKLOADS.stream().map(workload -> results.get(store).get(workload).stream()
                    .map(rate -> String.format("%,.0f", rate)).toList().toString()).toList()));
            table.append('\n');
        }
        for (Store store : stores) {
            if (store.file() != null) {
                double running = size(store.file()) / 1048576.0;
                store.client().close();
                store.process().stop();
                table.append(String.format("File size of %s: %.1f MiB after the run, %.1f MiB after a graceful stop%n",
                        store.label(), running, size(store.file()) / 1048576.0));
            }
        }
        System.out.print(table);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int argument(String[] args, String name, int fallback) {
        // Maven hands -Dbenchmark.args over as one argument
        for (String arg : String.join(" ", args).trim().split("\\s+")) {
            if (arg.startsWith(name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 1));
            }
        }
        return fallback;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
