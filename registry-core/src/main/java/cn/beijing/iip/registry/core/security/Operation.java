package cn.beijing.iip.registry.core.security;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import cn.beijing.iip.registry.identity.Roles;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The role matrix of the entry API, in one place: which realm role each call needs before the
 * lifecycle checks ownership and state. Reads are open; the lifecycle decides what a caller sees.
 */
public enum Operation {

    CREATE(HttpMethod.POST, "/api/*", Roles.ENTERPRISE, "registering an entry"),
    UPDATE(HttpMethod.PUT, "/api/*/*", Roles.ENTERPRISE, "changing an entry"),
    DELETE(HttpMethod.DELETE, "/api/*/*", Roles.ENTERPRISE, "deleting an entry"),
    SUBMIT(HttpMethod.POST, "/api/*/*/submit", Roles.ENTERPRISE, "submitting an entry"),
    WITHDRAW(HttpMethod.POST, "/api/*/*/withdraw", Roles.ENTERPRISE, "withdrawing an entry"),
    REVIEW(HttpMethod.POST, "/api/*/*/review", Roles.REVIEWER, "reviewing an entry"),
    REVOKE(HttpMethod.POST, "/api/*/*/revoke", Roles.ADMIN, "revoking an entry"),
    REOPEN(HttpMethod.POST, "/api/*/*/reopen", Roles.ADMIN, "reopening an entry");

    private final HttpMethod method;
    private final String pattern;
    private final String role;
    private final String action;

    Operation(HttpMethod method, String pattern, String role, String action) {
        this.method = method;
        this.pattern = pattern;
        this.role = role;
        this.action = action;
    }

    public PathPatternRequestMatcher matcher() {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    public String role() {
        return role;
    }

    public String action() {
        return action;
    }

    public static Optional<Operation> of(HttpServletRequest request) {
        return Arrays.stream(values()).filter(operation -> operation.matcher().matches(request)).findFirst();
    }
}
