package cn.beijing.iip.registry.identity;

/** The realm roles of realm {@code iip}; ADMIN includes REVIEWER. */
public final class Roles {

    public static final String ENTERPRISE = "ENTERPRISE";
    public static final String REVIEWER = "REVIEWER";
    public static final String ADMIN = "ADMIN";

    /** Spring Security's prefix for role authorities. */
    public static final String AUTHORITY_PREFIX = "ROLE_";

    /** The token claims that name the caller's enterprise. */
    public static final String CREDIT_CODE_CLAIM = "creditCode";
    public static final String ENTERPRISE_NAME_CLAIM = "enterpriseName";

    /** The audience every access token for the registry's API carries. */
    public static final String API_AUDIENCE = "iip-api";

    private Roles() {
    }

    public static String authority(String role) {
        return AUTHORITY_PREFIX + role;
    }
}
