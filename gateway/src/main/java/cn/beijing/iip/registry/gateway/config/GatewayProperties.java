package cn.beijing.iip.registry.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's settings ({@code iip.gateway.*}).
 *
 * @param services          base URL of each kind's service, by kind code; several replicas as a
 *                          comma-separated list (the routes balance across them)
 * @param rateLimit         requests per second per caller, bursts of twice that; 0 switches limiting off
 * @param redisUrl          when set, replicas share one rate-limit budget in this Redis
 * @param trustedProxyHops  how many X-Forwarded-For hops to trust when telling anonymous callers apart
 * @param figuresRefresh    how often the services' figures are fetched for /api/progress
 * @param corsOrigins       origins whose pages may call the API from a browser
 * @param seeds             where the plan's targets are (packaged seeds unless set)
 * @param serviceTimeout    how long a service may stay silent, before its answer or inside it, before
 *                          the call is cut (answered 503 while nothing of the answer was sent on)
 */
@ConfigurationProperties("iip.gateway")
public record GatewayProperties(Map<String, String> services, @DefaultValue("50") int rateLimit,
        @DefaultValue("") String redisUrl, @DefaultValue("0") int trustedProxyHops,
        @DefaultValue("5s") Duration figuresRefresh, @DefaultValue List<String> corsOrigins,
        @DefaultValue("classpath:seeds/") String seeds, @DefaultValue("2500ms") Duration serviceTimeout) {

    public List<String> urls(String kind) {
        String configured = services.get(kind);
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("no URL configured for service " + kind + " (iip.gateway.services." + kind + ")");
        }
        return List.of(configured.split("\\s*,\\s*"));
    }

    public boolean redis() {
        return !redisUrl.isBlank();
    }
}
