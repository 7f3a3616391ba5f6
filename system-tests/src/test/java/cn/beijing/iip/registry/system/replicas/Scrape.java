package cn.beijing.iip.registry.system.replicas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.system.support.AppProcess;

/** One scrape of an app's {@code /actuator/prometheus}, read as Prometheus reads the text format. */
record Scrape(String app, List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Scrape of(AppProcess app) {
        Http.Response response = new Http(app.url()).get("/actuator/prometheus").send();
        if (response.status() != 200) {
            throw new AssertionError(app.name() + " answered its scrape with " + response);
        }
        List<Sample> samples = new ArrayList<>();
        response.text().lines().filter(line -> !line.isBlank() && !line.startsWith("#")).map(Scrape::sample)
                .forEach(samples::add);
        return new Scrape(app.name(), samples);
    }

    /** The sample with exactly these labels among others (its application tag and so on); NaN when absent. */
    double value(String name, Map<String, String> labels) {
        return samples.stream().filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).findFirst().orElse(Double.NaN);
    }

    /** The sum over the samples of a name whose labels pass {@code labels}; 0 when there are none yet. */
    double sum(String name, Predicate<Map<String, String>> labels) {
        return samples.stream().filter(sample -> sample.name().equals(name) && labels.test(sample.labels()))
                .mapToDouble(Sample::value).sum();
    }

    /** {@code name{label="value",…} 1.0}, label values with backslash escapes. */
    private static Sample sample(String line) {
        Map<String, String> labels = new LinkedHashMap<>();
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        String name;
        int rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int equals = line.indexOf('=', i);
                String label = line.substring(i, equals).strip();
                StringBuilder value = new StringBuilder();
                int j = equals + 2;
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        j++;
                        c = line.charAt(j) == 'n' ? '\n' : line.charAt(j);
                    }
                    value.append(c);
                    j++;
                }
                labels.put(label, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            rest = i + 1;
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        String number = line.substring(rest).strip().split(" ")[0];
        double value = switch (number) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(number);
        };
        return new Sample(name, labels, value);
    }
}
