package cn.beijing.iip.registry.deploy.platform;

import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

/** Kubernetes label-selector matching, as the API server and the network plugin apply it. */
final class Selectors {

    private Selectors() {
    }

    /** An absent or empty selector matches everything, as in a NetworkPolicy's podSelector {}. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> label : selector.getMatchLabels().entrySet()) {
                if (!label.getValue().equals(labels.get(label.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                String value = labels.get(requirement.getKey());
                boolean ok = switch (requirement.getOperator()) {
                    case "In" -> value != null && requirement.getValues().contains(value);
                    case "NotIn" -> value == null || !requirement.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new IllegalArgumentException("unknown operator " + requirement.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the selector says anything at all; an empty one would select every pod. */
    static boolean isEmpty(LabelSelector selector) {
        return selector == null
                || (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }
}
