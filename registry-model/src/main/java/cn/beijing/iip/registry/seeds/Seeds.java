package cn.beijing.iip.registry.seeds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.beijing.iip.registry.plan.Plan;
import cn.beijing.iip.registry.taxonomy.Taxonomies;
import cn.beijing.iip.registry.taxonomy.Taxonomy;
import cn.beijing.iip.registry.taxonomy.Term;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data files of {@code seeds/}: the plan, the taxonomies and the demo entries. They are packaged
 * into this module's jar; {@code IIP_SEEDS} (a directory) lets an operator use an edited copy.
 */
public final class Seeds {

    public static final String CLASSPATH = "classpath:seeds/";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final String location;

    private Seeds(String location) {
        this.location = location.endsWith("/") ? location : location + "/";
    }

    /** Seeds at {@code classpath:seeds/} or in a directory of the file system. */
    public static Seeds at(String location) {
        return new Seeds(location == null || location.isBlank() ? CLASSPATH : location);
    }

    public static Seeds packaged() {
        return new Seeds(CLASSPATH);
    }

    public String location() {
        return location;
    }

    public Plan plan() {
        return read("plan.json", new TypeReference<Plan>() { });
    }

    public Taxonomies taxonomies() {
        Map<String, Taxonomy> byName = new LinkedHashMap<>();
        for (String name : Taxonomies.NAMES) {
            List<Term> terms = read("taxonomies/" + name + ".json", new TypeReference<List<Term>>() { });
            byName.put(name, new Taxonomy(name, terms));
        }
        return new Taxonomies(byName);
    }

    /** The raw bytes of a seed file, e.g. {@code demo/platforms.json}. */
    public byte[] bytes(String file) {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location + file, e);
        }
    }

    private <T> T read(String file, TypeReference<T> type) {
        try (InputStream in = open(file)) {
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location + file, e);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("seed file " + location + file + " is not valid: " + e.getMessage(), e);
        }
    }

    private InputStream open(String file) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()) + file;
            InputStream in = Seeds.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new NoSuchFileException("classpath:" + resource);
            }
            return in;
        }
        String directory = location.startsWith("file:") ? location.substring("file:".length()) : location;
        return Files.newInputStream(Path.of(directory, file));
    }
}
