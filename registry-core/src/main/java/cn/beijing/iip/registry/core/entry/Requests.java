package cn.beijing.iip.registry.core.entry;

/** The small bodies of the transition calls. */
public final class Requests {

    private Requests() {
    }

    /** {@code POST …/review}. */
    public record Review(Decision decision, String comment) {
    }

    /** {@code POST …/revoke}. */
    public record Revoke(String reason) {
    }

    /** The optional body of submit, withdraw and reopen. */
    public record Note(String comment) {
        public static final Note NONE = new Note(null);
    }
}
