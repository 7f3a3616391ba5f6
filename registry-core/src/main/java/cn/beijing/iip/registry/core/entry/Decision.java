package cn.beijing.iip.registry.core.entry;

/** A reviewer's decision on a submitted entry. */
public enum Decision {

    APPROVE(Transition.APPROVE), REJECT(Transition.REJECT), REQUEST_CHANGES(Transition.REQUEST_CHANGES);

    private final Transition transition;

    Decision(Transition transition) {
        this.transition = transition;
    }

    public Transition transition() {
        return transition;
    }

    public static Decision of(Transition transition) {
        for (Decision decision : values()) {
            if (decision.transition == transition) {
                return decision;
            }
        }
        throw new IllegalArgumentException(transition + " is not a decision");
    }
}
