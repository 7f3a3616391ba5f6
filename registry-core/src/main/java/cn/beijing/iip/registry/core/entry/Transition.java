package cn.beijing.iip.registry.core.entry;

import static cn.beijing.iip.registry.core.entry.EntryStatus.APPROVED;
import static cn.beijing.iip.registry.core.entry.EntryStatus.CHANGES_REQUESTED;
import static cn.beijing.iip.registry.core.entry.EntryStatus.DRAFT;
import static cn.beijing.iip.registry.core.entry.EntryStatus.REJECTED;
import static cn.beijing.iip.registry.core.entry.EntryStatus.REVOKED;
import static cn.beijing.iip.registry.core.entry.EntryStatus.SUBMITTED;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Every move between states, who may make it, and whether it needs a comment. */
public enum Transition {

    SUBMIT("submit", Actor.OWNER, SUBMITTED, false, DRAFT, CHANGES_REQUESTED, REJECTED),
    WITHDRAW("withdraw", Actor.OWNER, DRAFT, false, SUBMITTED),
    APPROVE("approve", Actor.REVIEWER, APPROVED, false, SUBMITTED),
    REJECT("reject", Actor.REVIEWER, REJECTED, true, SUBMITTED),
    REQUEST_CHANGES("request changes on", Actor.REVIEWER, CHANGES_REQUESTED, true, SUBMITTED),
    REVOKE("revoke", Actor.ADMIN, REVOKED, true, APPROVED),
    REOPEN("reopen", Actor.ADMIN, DRAFT, false, REVOKED);

    private final String verb;
    private final Actor actor;
    private final EntryStatus to;
    private final boolean commentRequired;
    private final Set<EntryStatus> from;

    Transition(String verb, Actor actor, EntryStatus to, boolean commentRequired, EntryStatus first,
            EntryStatus... more) {
        this.verb = verb;
        this.actor = actor;
        this.to = to;
        this.commentRequired = commentRequired;
        this.from = EnumSet.of(first, more);
    }

    public Actor actor() {
        return actor;
    }

    public EntryStatus to() {
        return to;
    }

    public boolean commentRequired() {
        return commentRequired;
    }

    public boolean allowedFrom(EntryStatus status) {
        return from.contains(status);
    }

    /** A reviewer's decision, counted in {@code iip_review_decisions_total}. */
    public boolean isDecision() {
        return actor == Actor.REVIEWER;
    }

    /** Why the transition can't happen from {@code status}, in words for the caller. */
    public String refusal(EntryStatus status) {
        return "cannot " + verb + " an entry that is " + status + "; that needs "
                + from.stream().map(Enum::name).collect(Collectors.joining(" or "));
    }
}
