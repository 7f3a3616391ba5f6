package cn.beijing.iip.registry.web;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request id that follows a call from the gateway through the services and into every log line. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The MDC key under which log lines carry it. */
    public static final String MDC_KEY = "requestId";

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    /** The caller's id when it is safe to log and pass on, else a fresh one. */
    public static String acceptOrCreate(String offered) {
        return offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
