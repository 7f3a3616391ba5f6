package cn.beijing.iip.registry.deploy.platform;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Decides, as a network plugin enforcing NetworkPolicy would, whether a pod may open a TCP
 * connection to a port of another pod: a pod selected by no ingress policy accepts everything;
 * otherwise some rule of some selecting policy must admit both the peer and the port.
 */
final class NetworkReach {

    /** A pod that opens connections: where it runs and what it is labelled. */
    record Pod(String name, String namespace, Map<String, String> labels) {

        Map<String, String> namespaceLabels() {
            return Map.of("kubernetes.io/metadata.name", namespace);
        }
    }

    private final Cluster cluster;

    NetworkReach(Cluster cluster) {
        this.cluster = cluster;
    }

    Pod pod(String workload) {
        return new Pod(workload, cluster.namespace(), cluster.workload(workload).labels());
    }

    /** The port of a workload's pods by name (as NetworkPolicies and Services name them) or number. */
    int port(String workload, String name) {
        for (Container container : cluster.workload(workload).spec().getContainers()) {
            for (ContainerPort port : container.getPorts()) {
                if (name.equals(port.getName()) || name.equals(String.valueOf(port.getContainerPort()))) {
                    return port.getContainerPort();
                }
            }
        }
        throw new AssertionError(workload + " has no port " + name);
    }

    boolean allows(Pod from, String workload, int port) {
        Cluster.Workload target = cluster.workload(workload);
        List<NetworkPolicy> selecting = cluster.all(NetworkPolicy.class).stream()
                .filter(p -> namespaceOf(p).equals(cluster.namespace()))
                .filter(p -> isIngressPolicy(p))
                .filter(p -> Selectors.matches(p.getSpec().getPodSelector(), target.labels()))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        for (NetworkPolicy policy : selecting) {
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress() == null
                    ? List.<NetworkPolicyIngressRule>of() : policy.getSpec().getIngress()) {
                if (admitsPeer(rule, from, namespaceOf(policy)) && admitsPort(rule, target, port)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isIngressPolicy(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        return types == null || types.isEmpty() ? true : types.contains("Ingress");
    }

    private String namespaceOf(NetworkPolicy policy) {
        String namespace = policy.getMetadata().getNamespace();
        return namespace == null ? cluster.namespace() : namespace;
    }

    private static boolean admitsPeer(NetworkPolicyIngressRule rule, Pod from, String policyNamespace) {
        if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : rule.getFrom()) {
            if (peer.getIpBlock() != null) {
                continue;
            }
            boolean namespaceMatches = peer.getNamespaceSelector() == null
                    ? from.namespace().equals(policyNamespace)
                    : Selectors.matches(peer.getNamespaceSelector(), from.namespaceLabels());
            boolean podMatches = peer.getPodSelector() == null || Selectors.matches(peer.getPodSelector(), from.labels());
            if (namespaceMatches && podMatches) {
                return true;
            }
        }
        return false;
    }

    private static boolean admitsPort(NetworkPolicyIngressRule rule, Cluster.Workload target, int port) {
        if (rule.getPorts() == null || rule.getPorts().isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort allowed : rule.getPorts()) {
            String protocol = allowed.getProtocol() == null ? "TCP" : allowed.getProtocol();
            if (protocol.equals("TCP") && (allowed.getPort() == null || resolves(allowed.getPort(), target, port))) {
                return true;
            }
        }
        return false;
    }

    private static boolean resolves(IntOrString allowed, Cluster.Workload target, int port) {
        if (allowed.getIntVal() != null) {
            return allowed.getIntVal() == port;
        }
        return target.spec().getContainers().stream()
                .flatMap(c -> c.getPorts().stream())
                .anyMatch(p -> allowed.getStrVal().equals(p.getName()) && p.getContainerPort() == port);
    }
}
