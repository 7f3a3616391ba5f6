package cn.beijing.iip.registry.system.attacks;

import java.util.List;
import java.util.Set;

/**
 * The answer an attack request must get, as a class of statuses: what the CONTRACT promises, with room
 * only where it leaves the choice open ({@code hidden}: 403 or 404; {@code rejected}: any 4xx).
 */
public enum Outcome {

    OK("ok"),
    BAD_REQUEST("bad-request", 400),
    UNAUTHORIZED("unauthorized", 401),
    FORBIDDEN("forbidden", 403),
    NOT_FOUND("not-found", 404),
    HIDDEN("hidden", 403, 404),
    METHOD_NOT_ALLOWED("method-not-allowed", 405),
    CONFLICT("conflict", 409),
    PRECONDITION("precondition", 412, 428),
    TOO_LARGE("too-large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415),
    REJECTED("rejected"),
    /** Anything but a server error: for requests whose answer the CONTRACT leaves open. */
    ANY("any"),
    /** Concurrent copies of one change: exactly one succeeds, the others are refused as conflicts. */
    ONE_WINS("one-wins");

    private final String code;
    private final Set<Integer> statuses;

    Outcome(String code, Integer... statuses) {
        this.code = code;
        this.statuses = Set.of(statuses);
    }

    public String code() {
        return code;
    }

    public static Outcome of(String code) {
        for (Outcome outcome : values()) {
            if (outcome.code.equals(code)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + code + "'; known: "
                + List.of(values()).stream().map(Outcome::code).toList());
    }

    /** Whether one answer's status is what this outcome allows (ONE_WINS is judged over all copies). */
    public boolean admits(int status) {
        return switch (this) {
            case OK -> status >= 200 && status < 300;
            case REJECTED -> status >= 400 && status < 500;
            case ANY -> status >= 200 && status < 500;
            case ONE_WINS -> (status >= 200 && status < 300) || status == 404 || status == 409 || status == 412;
            default -> statuses.contains(status);
        };
    }

    /** Whether concurrent answers with these statuses are what ONE_WINS means: one success, the rest refused. */
    public static boolean oneWins(List<Integer> statuses) {
        long wins = statuses.stream().filter(status -> status >= 200 && status < 300).count();
        return wins == 1 && statuses.stream().allMatch(ONE_WINS::admits);
    }
}
