import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns bench/run.sh's measurements (one tab-separated line per wrk run: section, case, round,
 * requests/s, p50 ms, p99 ms, failed answers, entries created and submitted per second) into the
 * Markdown tables of RESULTS.md. Every figure is the median of the rounds; ratios are of medians.
 *
 * <pre>
 *   Report MEASUREMENTS.tsv SETUP.md OUT.md
 * </pre>
 */
public final class Report {

    record Run(String section, String label, int round, double rps, double p50, double p99, long bad, double pairs) {
    }

    public static void main(String[] args) throws IOException {
        List<Run> runs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            runs.add(new Run(f[0], f[1], Integer.parseInt(f[2]), d(f[3]), d(f[4]), d(f[5]), Long.parseLong(f[6]), d(f[7])));
        }
        StringBuilder out = new StringBuilder(Files.readString(Path.of(args[1])));
        get(out, runs);
        scale(out, runs);
        write(out, runs);
        long bad = runs.stream().mapToLong(Run::bad).sum();
        out.append(bad == 0 ? "\nEvery request of every run was answered with 2xx.\n"
                : "\n**" + bad + " requests were not answered with 2xx or failed at the socket** (see the log in"
                        + " bench/.work/logs/): the figures above count only what was measured.\n");
        Files.writeString(Path.of(args[2]), out.toString());
        System.out.print(out);
    }

    private static void get(StringBuilder out, List<Run> runs) {
        Map<String, List<Run>> byPath = group(runs, "get");
        if (byPath.isEmpty()) {
            return;
        }
        out.append("\n### GET /api/platforms/{id} of an approved entry, with a valid bearer token on every request\n\n")
                .append("| path | req/s | p50 ms | p99 ms | req/s of each round |\n|---|---:|---:|---:|---|\n");
        byPath.forEach((path, list) -> out.append(row(path, list)));
        out.append('\n');
        ratio(out, byPath, "gateway", "direct", "gateway / direct");
        ratio(out, byPath, "nginx", "direct", "nginx / direct");
        ratio(out, byPath, "gateway", "nginx", "**gateway / nginx**");
        ratio(out, byPath, "bare gateway", "nginx", "bare gateway / nginx");
        ratio(out, byPath, "gateway", "bare gateway", "gateway / bare gateway");
        for (String path : byPath.keySet()) {
            if (path.startsWith("gateway ")) {
                ratio(out, byPath, path, "nginx", path + " / nginx");
            }
        }
    }

    private static void ratio(StringBuilder out, Map<String, List<Run>> byPath, String a, String b, String name) {
        if (!byPath.containsKey(a) || !byPath.containsKey(b)) {
            return;
        }
        double ratio = median(byPath.get(a), Run::rps) / median(byPath.get(b), Run::rps);
        List<String> rounds = new ArrayList<>();
        for (Run run : byPath.get(a)) {
            byPath.get(b).stream().filter(other -> other.round() == run.round()).findFirst()
                    .ifPresent(other -> rounds.add(f2(run.rps() / other.rps())));
        }
        out.append("- ").append(name).append(": **").append(f2(ratio)).append("** (round by round: ")
                .append(String.join(", ", rounds)).append(")\n");
    }

    private static void scale(StringBuilder out, List<Run> runs) {
        Map<String, List<Run>> byCase = group(runs, "scale");
        if (byCase.isEmpty()) {
            return;
        }
        Map<String, String[]> calls = new LinkedHashMap<>();
        for (String label : byCase.keySet()) {
            String call = label.substring(0, label.lastIndexOf(' '));
            String size = label.substring(label.lastIndexOf(' ') + 1);
            calls.computeIfAbsent(call, c -> new String[2])[size.equals("1k") ? 0 : 1] = label;
        }
        out.append("\n### Lists, search, progress and metrics with 1k and 10k platforms in the store\n\n")
                .append("| call | req/s at 1k | req/s at 10k | 10k / 1k | p99 ms at 1k | p99 ms at 10k |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        calls.forEach((call, labels) -> {
            if (labels[0] == null || labels[1] == null) {
                return;
            }
            List<Run> small = byCase.get(labels[0]);
            List<Run> large = byCase.get(labels[1]);
            double ratio = median(large, Run::rps) / median(small, Run::rps);
            out.append("| ").append(call).append(" | ").append(f0(median(small, Run::rps))).append(" | ")
                    .append(f0(median(large, Run::rps))).append(" | **").append(f2(ratio)).append("** | ")
                    .append(f1(median(small, Run::p99))).append(" | ").append(f1(median(large, Run::p99))).append(" |\n");
        });
    }

    private static void write(StringBuilder out, List<Run> runs) {
        Map<String, List<Run>> byPath = group(runs, "write");
        if (byPath.isEmpty()) {
            return;
        }
        out.append("\n### Create + submit a platform (two requests per entry), enterprise token\n\n")
                .append("| path | entries/s | req/s | p50 ms | p99 ms | entries/s of each round |\n")
                .append("|---|---:|---:|---:|---:|---|\n");
        byPath.forEach((path, list) -> out.append("| ").append(path).append(" | ").append(f0(median(list, Run::pairs)))
                .append(" | ").append(f0(median(list, Run::rps))).append(" | ").append(f1(median(list, Run::p50)))
                .append(" | ").append(f1(median(list, Run::p99))).append(" | ")
                .append(String.join(", ", list.stream().map(run -> f0(run.pairs())).toList())).append(" |\n"));
        if (byPath.containsKey("gateway") && byPath.containsKey("direct")) {
            out.append("\n- gateway / direct: **").append(f2(median(byPath.get("gateway"), Run::pairs)
                    / median(byPath.get("direct"), Run::pairs))).append("**\n");
        }
    }

    private static String row(String label, List<Run> list) {
        return "| " + label + " | " + f0(median(list, Run::rps)) + " | " + f2(median(list, Run::p50)) + " | "
                + f1(median(list, Run::p99)) + " | " + String.join(", ", list.stream().map(run -> f0(run.rps())).toList())
                + " |\n";
    }

    private static Map<String, List<Run>> group(List<Run> runs, String section) {
        Map<String, List<Run>> grouped = new LinkedHashMap<>();
        runs.stream().filter(run -> run.section().equals(section))
                .forEach(run -> grouped.computeIfAbsent(run.label(), label -> new ArrayList<>()).add(run));
        return grouped;
    }

    static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static double d(String text) {
        return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
    }

    private static String f0(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String f1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private Report() {
    }
}
