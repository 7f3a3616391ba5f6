package cn.beijing.iip.registry.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ContainerPort;

/**
 * Who can connect to whom, worked out from the NetworkPolicies for every pod of the system and a
 * few outsiders, against the intended matrix: only the Ingress controller reaches the gateway and
 * Keycloak from outside; the services answer the gateway; the store answers the services; the
 * actuator ports answer Prometheus.
 */
class NetworkPoliciesTest {

    private static final String RENDERINGS = "cn.beijing.iip.registry.deploy.platform.Renderings#all";

    private static final NetworkReach.Pod INGRESS_CONTROLLER = new NetworkReach.Pod("ingress controller", "ingress-nginx",
            Map.of("app.kubernetes.io/name", "ingress-nginx"));
    private static final NetworkReach.Pod PROMETHEUS = new NetworkReach.Pod("prometheus", "monitoring",
            Map.of("app.kubernetes.io/name", "prometheus"));
    /** Looks like the Ingress controller, but runs in a namespace anyone may deploy to. */
    private static final NetworkReach.Pod IMPOSTOR = new NetworkReach.Pod("impostor", "playground",
            Map.of("app.kubernetes.io/name", "ingress-nginx"));

    private static final List<String> WORKLOADS = List.of("gateway", "platform-registry", "solution-providers",
            "security-products", "mongo", "mongo-init", "keycloak", "keycloak-db", "redis");

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void admitsExactlyTheIntendedConnections(Rendering rendering) {
        NetworkReach reach = new NetworkReach(rendering.cluster());
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        expected.put("gateway:http", Set.of("ingress controller"));
        expected.put("gateway:management", Set.of("prometheus"));
        for (String service : Apps.SERVICES) {
            expected.put(service + ":http", Set.of("gateway"));
            expected.put(service + ":management", Set.of("prometheus"));
        }
        expected.put("mongo:mongo", Set.of("platform-registry", "solution-providers", "security-products", "mongo", "mongo-init"));
        expected.put("keycloak:http", Set.of("ingress controller", "gateway", "platform-registry", "solution-providers",
                "security-products"));
        expected.put("keycloak:management", Set.of("prometheus"));
        expected.put("keycloak:jgroups", Set.of("keycloak"));
        expected.put("keycloak-db:postgres", Set.of("keycloak"));
        expected.put("redis:redis", Set.of("gateway"));

        List<NetworkReach.Pod> sources = new ArrayList<>(List.of(INGRESS_CONTROLLER, PROMETHEUS, IMPOSTOR,
                stranger(rendering.cluster())));
        WORKLOADS.forEach(w -> sources.add(reach.pod(w)));

        Map<String, Set<String>> actual = new LinkedHashMap<>();
        for (String target : expected.keySet()) {
            String workload = target.substring(0, target.indexOf(':'));
            int port = reach.port(workload, target.substring(target.indexOf(':') + 1));
            Set<String> admitted = new TreeSet<>();
            for (NetworkReach.Pod source : sources) {
                if (reach.allows(source, workload, port)) {
                    admitted.add(source.name());
                }
            }
            actual.put(target, admitted);
        }
        expected.replaceAll((target, names) -> new TreeSet<>(names));
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void refusesEverythingNotAllowedByDefault(Rendering rendering) {
        NetworkReach reach = new NetworkReach(rendering.cluster());
        NetworkReach.Pod stranger = stranger(rendering.cluster());
        for (String workload : WORKLOADS) {
            for (var container : rendering.cluster().workload(workload).spec().getContainers()) {
                for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                    assertThat(reach.allows(stranger, workload, port.getContainerPort()))
                            .as("a new pod in the namespace reaches " + workload + ":" + port.getContainerPort()).isFalse();
                }
            }
        }
    }

    /** A pod someone adds to the namespace later, with labels of its own. */
    private static NetworkReach.Pod stranger(Cluster cluster) {
        return new NetworkReach.Pod("stranger", cluster.namespace(), Map.of("app.kubernetes.io/name", "debug-shell"));
    }
}
