package cn.beijing.iip.registry.core.caller;

import java.util.Optional;
import java.util.Set;

import cn.beijing.iip.registry.core.entry.Entry;
import cn.beijing.iip.registry.core.entry.Owner;
import cn.beijing.iip.registry.core.problem.ProblemException;
import cn.beijing.iip.registry.identity.CreditCode;
import cn.beijing.iip.registry.identity.Roles;
import cn.beijing.iip.registry.problem.ProblemType;

/**
 * Who is calling, as the access token says: realm roles and, for enterprise users, the enterprise's
 * credit code and name. The owner of what an enterprise registers is always taken from here.
 */
public record Caller(String subject, String username, Set<String> roles, String creditCode, String enterpriseName) {

    public static final Caller ANONYMOUS = new Caller(null, null, Set.of(), null, null);

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAuthenticated() {
        return subject != null;
    }

    /** ADMIN includes REVIEWER, whether or not the token lists both. */
    public boolean hasRole(String role) {
        return roles.contains(role) || (Roles.REVIEWER.equals(role) && roles.contains(Roles.ADMIN));
    }

    public boolean isReviewer() {
        return hasRole(Roles.REVIEWER);
    }

    public boolean isAdmin() {
        return hasRole(Roles.ADMIN);
    }

    /** An enterprise user whose token names a valid enterprise. */
    public boolean isEnterprise() {
        return hasRole(Roles.ENTERPRISE) && claimProblem().isEmpty();
    }

    public boolean owns(Entry entry) {
        return isEnterprise() && entry.ownedBy(creditCode);
    }

    /** Belongs to the entry's enterprise, with or without role ENTERPRISE: such a user may not review it. */
    public boolean isAffiliatedWith(Entry entry) {
        return creditCode != null && entry.ownedBy(creditCode);
    }

    /** The name the audit trail records. */
    public String actorName() {
        return username != null ? username : subject;
    }

    /** The caller's enterprise, or the 401/403 that says why there is none. */
    public Owner requireEnterprise() {
        if (!isAuthenticated()) {
            throw ProblemException.of(ProblemType.UNAUTHORIZED, "this call needs a bearer token");
        }
        if (!hasRole(Roles.ENTERPRISE)) {
            throw notAnEnterprise();
        }
        Optional<String> problem = claimProblem();
        if (problem.isPresent()) {
            throw ProblemException.of(ProblemType.INVALID_TOKEN_CLAIM, problem.get());
        }
        return new Owner(creditCode, enterpriseName);
    }

    /** The 403 for a signed-in user without role ENTERPRISE. */
    public ProblemException notAnEnterprise() {
        if (creditCode != null && CreditCode.isValid(creditCode)) {
            return ProblemException.of(ProblemType.VERIFICATION_PENDING, "enterprise " + creditCode
                    + " has signed up but is not verified yet: an administrator verifies it and grants role "
                    + Roles.ENTERPRISE + ", then its users can register entries");
        }
        return ProblemException.of(ProblemType.FORBIDDEN, "registering and changing entries needs role "
                + Roles.ENTERPRISE);
    }

    /** What is wrong with the enterprise claims of the token, if anything. */
    public Optional<String> claimProblem() {
        if (creditCode == null) {
            return Optional.of("the token has no " + Roles.CREDIT_CODE_CLAIM + " claim; an enterprise user needs one");
        }
        Optional<String> codeProblem = CreditCode.problem(creditCode);
        if (codeProblem.isPresent()) {
            return Optional.of("the token's " + Roles.CREDIT_CODE_CLAIM + " claim is not valid: " + codeProblem.get());
        }
        if (enterpriseName == null || enterpriseName.isBlank() || enterpriseName.length() > 200) {
            return Optional.of("the token needs an " + Roles.ENTERPRISE_NAME_CLAIM + " claim of 1 to 200 characters");
        }
        return Optional.empty();
    }
}
