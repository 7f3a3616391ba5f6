package cn.beijing.iip.registry.deploy.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.node.ObjectNode;

/** Rendered manifests as fabric8's typed model, with the look-ups the checks share. */
final class Cluster {

    /** A pod-creating resource: what it is, and the pods it makes. */
    record Workload(String kind, String name, ObjectMeta pod, PodSpec spec, LabelSelector selector) {

        Map<String, String> labels() {
            return pod.getLabels() == null ? Map.of() : pod.getLabels();
        }

        List<Container> allContainers() {
            List<Container> all = new ArrayList<>(spec.getContainers());
            if (spec.getInitContainers() != null) {
                all.addAll(spec.getInitContainers());
            }
            return all;
        }
    }

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private final List<HasMetadata> resources;

    private Cluster(List<HasMetadata> resources) {
        this.resources = List.copyOf(resources);
    }

    static Cluster of(List<ObjectNode> documents) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> resources = new ArrayList<>();
        for (ObjectNode document : documents) {
            resources.add(serialization.unmarshal(document.toString(), HasMetadata.class));
        }
        return new Cluster(resources);
    }

    List<HasMetadata> resources() {
        return resources;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                "no " + type.getSimpleName() + " named " + name + " among " + names()));
    }

    /** The namespace the resources land in; "default" for the base, which sets none. */
    String namespace() {
        return resources.stream()
                .map(r -> r.getMetadata().getNamespace())
                .filter(n -> n != null)
                .findFirst()
                .orElse("default");
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (Deployment d : all(Deployment.class)) {
            workloads.add(new Workload("Deployment", d.getMetadata().getName(), d.getSpec().getTemplate().getMetadata(),
                    d.getSpec().getTemplate().getSpec(), d.getSpec().getSelector()));
        }
        for (StatefulSet s : all(StatefulSet.class)) {
            workloads.add(new Workload("StatefulSet", s.getMetadata().getName(), s.getSpec().getTemplate().getMetadata(),
                    s.getSpec().getTemplate().getSpec(), s.getSpec().getSelector()));
        }
        for (Job j : all(Job.class)) {
            workloads.add(new Workload("Job", j.getMetadata().getName(), j.getSpec().getTemplate().getMetadata(),
                    j.getSpec().getTemplate().getSpec(), j.getSpec().getSelector()));
        }
        return workloads;
    }

    Workload workload(String name) {
        return workloads().stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no workload named " + name + " among " + names()));
    }

    Map<String, String> configMap(String name) {
        Map<String, String> data = get(ConfigMap.class, name).getData();
        return data == null ? Map.of() : data;
    }

    /**
     * A container's environment as the kubelet builds it: envFrom first, then env in order, with
     * $(NAME) references expanded. Secret values appear as {@code <secret name/key>}.
     */
    Map<String, String> environment(Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                find(ConfigMap.class, source.getConfigMapRef().getName())
                        .ifPresent(map -> environment.putAll(map.getData() == null ? Map.of() : map.getData()));
            }
        }
        for (EnvVar variable : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                var ref = variable.getValueFrom().getSecretKeyRef();
                environment.put(variable.getName(), "<secret " + ref.getName() + "/" + ref.getKey() + ">");
            } else if (variable.getValueFrom() != null && variable.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = variable.getValueFrom().getConfigMapKeyRef();
                environment.put(variable.getName(), configMap(ref.getName()).get(ref.getKey()));
            } else {
                environment.put(variable.getName(), expand(variable.getValue(), environment));
            }
        }
        return environment;
    }

    private static String expand(String value, Map<String, String> defined) {
        if (value == null) {
            return "";
        }
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String replacement = defined.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }

    private List<String> names() {
        return resources.stream().map(r -> r.getKind() + "/" + r.getMetadata().getName()).toList();
    }
}
