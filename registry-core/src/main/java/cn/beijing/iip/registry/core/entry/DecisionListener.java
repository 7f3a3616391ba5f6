package cn.beijing.iip.registry.core.entry;

import java.time.Duration;

/** Told of every review decision as it is made, with the time the entry waited since its submission. */
public interface DecisionListener {

    void decided(Decision decision, Duration leadTime);
}
