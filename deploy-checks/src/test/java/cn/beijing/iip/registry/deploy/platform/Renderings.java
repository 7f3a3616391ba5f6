package cn.beijing.iip.registry.deploy.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Kubernetes manifests as an operator would apply them: base, dev and prod, rendered by the
 * in-test renderer always and by kustomize too where a kustomize (or a kubectl that embeds one) is
 * installed. Rendering works on a copy of deploy/ in which the production secret files are filled
 * from their committed examples, as an operator's would be, and a realm export missing from this
 * checkout is stood in for, so the manifests can be checked before the realm files arrive (the
 * realm's own test says when they are missing).
 */
final class Renderings {

    static final List<String> OVERLAYS = List.of("dev", "prod");

    private static final ConcurrentHashMap<String, Rendering> CACHE = new ConcurrentHashMap<>();
    private static final Path TREE = RepoPaths.SCRATCH.resolve("tree");
    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)");
    private static boolean prepared;

    private Renderings() {
    }

    /** Every rendering available here: the in-test renderer's, then kustomize's. */
    static List<Rendering> all() {
        List<Rendering> renderings = new ArrayList<>();
        renderings.add(java("base"));
        OVERLAYS.forEach(overlay -> renderings.add(java(overlay)));
        if (kustomizeCommand().isPresent()) {
            OVERLAYS.forEach(overlay -> renderings.add(kustomize(overlay)));
        }
        return renderings;
    }

    static List<Rendering> overlays() {
        return all().stream().filter(Rendering::isOverlay).toList();
    }

    static Rendering java(String overlay) {
        return CACHE.computeIfAbsent("java:" + overlay, key -> {
            List<ObjectNode> documents = Kustomizer.build(directory(overlay));
            return new Rendering(overlay, "in-test renderer", documents, Cluster.of(documents));
        });
    }

    static Rendering kustomize(String overlay) {
        return CACHE.computeIfAbsent("kustomize:" + overlay, key -> {
            List<String> command = new ArrayList<>(kustomizeCommand()
                    .orElseThrow(() -> new IllegalStateException("no kustomize here")));
            command.add(directory(overlay).toString());
            Command result = Command.run(command, TREE);
            if (result.exitCode() != 0) {
                throw new IllegalStateException("kustomize failed on " + overlay + ":\n" + result.stderr());
            }
            List<ObjectNode> documents = Kustomizer.documents(withoutHashSuffixes(result.stdout(), overlay));
            documents.forEach(Renderings::unwrapSecretData);
            return new Rendering(overlay, "kustomize", documents, Cluster.of(documents));
        });
    }

    /**
     * kustomize's own build command, asked to read the realm exports beside the Kubernetes files;
     * empty where none is installed. kubectl before 1.21 embeds a kustomize too old for these
     * overlays, so only one that reports kustomize 4 or later counts.
     */
    static Optional<List<String>> kustomizeCommand() {
        if (Command.onPath("kustomize")) {
            return Optional.of(List.of("kustomize", "build", "--load-restrictor", "LoadRestrictionsNone"));
        }
        if (Command.onPath("kubectl")) {
            Command version = Command.run(List.of("kubectl", "version", "--client"), RepoPaths.ROOT);
            Matcher matcher = KUSTOMIZE_VERSION.matcher(version.stdout());
            if (version.exitCode() == 0 && matcher.find() && Integer.parseInt(matcher.group(1)) >= 4) {
                return Optional.of(List.of("kubectl", "kustomize", "--load-restrictor", "LoadRestrictionsNone"));
            }
        }
        return Optional.empty();
    }

    static Path directory(String overlay) {
        prepareTree();
        return overlay.equals("base") ? TREE.resolve("deploy/kubernetes/base")
                : TREE.resolve("deploy/kubernetes/overlays").resolve(overlay);
    }

    /** Names of the ConfigMaps and Secrets that kustomize generates, and suffixes with a hash. */
    static Set<String> generatedNames(String overlay) {
        Set<String> names = new LinkedHashSet<>();
        for (Path dir : List.of(directory("base"), directory(overlay))) {
            JsonNode kustomization = new YAMLMapper().readTree(dir.resolve("kustomization.yaml").toFile());
            for (String generator : List.of("configMapGenerator", "secretGenerator")) {
                kustomization.path(generator).forEach(g -> names.add(g.path("name").asString()));
            }
        }
        return names;
    }

    /** kustomize wraps long base64 values over lines, which base64 decoders (and the API server) ignore. */
    private static void unwrapSecretData(ObjectNode document) {
        if (document.path("kind").asString().equals("Secret") && document.path("data").isObject()) {
            ObjectNode data = (ObjectNode) document.path("data");
            for (String key : List.copyOf(data.propertyNames())) {
                data.put(key, data.path(key).asString().replaceAll("\\s", ""));
            }
        }
    }

    private static String withoutHashSuffixes(String yaml, String overlay) {
        String result = yaml;
        for (String name : generatedNames(overlay)) {
            result = result.replaceAll("\\b" + Pattern.quote(name) + "-[a-z0-9]{10}\\b", Matcher.quoteReplacement(name));
        }
        return result;
    }

    private static synchronized void prepareTree() {
        if (prepared) {
            return;
        }
        try {
            delete(TREE);
            copy(RepoPaths.KUBERNETES, TREE.resolve("deploy/kubernetes"));
            Path keycloak = RepoPaths.DEPLOY.resolve("keycloak");
            if (Files.isDirectory(keycloak)) {
                copy(keycloak, TREE.resolve("deploy/keycloak"));
            }
            Files.createDirectories(TREE.resolve("deploy/keycloak"));
            for (String realm : List.of("iip-realm.json", "iip-realm-prod.json")) {
                Path file = TREE.resolve("deploy/keycloak").resolve(realm);
                if (!Files.exists(file)) {
                    Files.writeString(file, "{\"realm\":\"iip\",\"standIn\":\"" + realm + "\"}\n");
                }
            }
            try (Stream<Path> examples = Files.walk(TREE.resolve("deploy/kubernetes/overlays"))) {
                for (Path example : examples.filter(p -> p.toString().endsWith(".env.example")).toList()) {
                    Path real = example.resolveSibling(example.getFileName().toString().replace(".example", ""));
                    if (!Files.exists(real)) {
                        Files.copy(example, real);
                    }
                }
            }
            prepared = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a copy of deploy/ to render", e);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
