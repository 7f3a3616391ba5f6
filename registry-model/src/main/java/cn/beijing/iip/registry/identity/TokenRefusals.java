package cn.beijing.iip.registry.identity;

import java.util.Locale;

/**
 * What the gateway and the services tell a caller whose bearer token they refused: why, in words a
 * caller can act on, never a library's message or an internal address.
 */
public final class TokenRefusals {

    public static final String NO_TOKEN = "this call needs a bearer token (Authorization: Bearer <access token>)";

    private TokenRefusals() {
    }

    /** Why a token that was presented failed its checks, from the message of the check that failed. */
    public static String invalid(String checkMessage) {
        String message = String.valueOf(checkMessage).toLowerCase(Locale.ROOT);
        if (message.contains("expired")) {
            return "the bearer token has expired; get a new one";
        }
        if (message.contains("iss")) {
            return "the bearer token comes from another issuer";
        }
        if (message.contains("aud")) {
            return "the bearer token is not meant for this API (audience)";
        }
        return "the bearer token is not valid (signature, algorithm or format)";
    }
}
