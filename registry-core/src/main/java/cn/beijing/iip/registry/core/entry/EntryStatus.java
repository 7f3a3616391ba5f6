package cn.beijing.iip.registry.core.entry;

/** The states of an entry. */
public enum EntryStatus {

    DRAFT, SUBMITTED, CHANGES_REQUESTED, APPROVED, REJECTED, REVOKED;

    /** The owner may edit the fields in these states. */
    public boolean isEditable() {
        return this == DRAFT || this == CHANGES_REQUESTED || this == REJECTED;
    }

    /** Only drafts can be deleted; anything once submitted stays on record. */
    public boolean isDeletable() {
        return this == DRAFT;
    }

    /** Everyone may read entries in this state. */
    public boolean isPublic() {
        return this == APPROVED;
    }
}
