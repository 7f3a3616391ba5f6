package cn.beijing.iip.registry.core.entry;

/** Who may perform a transition. */
public enum Actor {
    /** A user of the enterprise that owns the entry. */
    OWNER,
    /** A reviewer (or an admin), never of the owner's enterprise. */
    REVIEWER,
    /** An admin. */
    ADMIN
}
