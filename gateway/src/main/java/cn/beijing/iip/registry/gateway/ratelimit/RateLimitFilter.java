package cn.beijing.iip.registry.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cn.beijing.iip.registry.gateway.config.GatewayProperties;
import cn.beijing.iip.registry.gateway.web.Problems;
import cn.beijing.iip.registry.problem.ProblemType;
import reactor.core.publisher.Mono;

/**
 * Limits each caller (the token's subject, else the client address) to {@code iip.gateway.rate-limit}
 * requests per second with bursts of twice that, on every call under {@code /api/}. The budget lives in this
 * gateway's memory, or in Redis (Spring Cloud Gateway's own RedisRateLimiter) when a Redis URL is
 * configured, so that all replicas share it. Over budget: 429 problem+json with {@code Retry-After}.
 */
@Component
public class RateLimitFilter implements WebFilter, Ordered {

    static final String BUDGET = "api";

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimiter<?> limiter;
    private final XForwardedRemoteAddressResolver addresses;
    private final int perSecond;

    public RateLimitFilter(GatewayProperties properties, ObjectProvider<RedisRateLimiter> redis) {
        this.perSecond = properties.rateLimit();
        this.addresses = properties.trustedProxyHops() > 0
                ? XForwardedRemoteAddressResolver.maxTrustedIndex(properties.trustedProxyHops())
                : null;
        if (perSecond <= 0) {
            this.limiter = null;
        } else if (properties.redis()) {
            RedisRateLimiter shared = redis.getObject();
            shared.getConfig().put(BUDGET, new RedisRateLimiter.Config()
                    .setReplenishRate(perSecond).setBurstCapacity(2L * perSecond).setRequestedTokens(1));
            this.limiter = shared;
            log.info("rate limit {}/s per caller, shared through Redis", perSecond);
        } else {
            this.limiter = new LocalRateLimiter(perSecond, 2 * perSecond);
            log.info("rate limit {}/s per caller, in this replica's memory", perSecond);
        }
    }

    @Override
    public int getOrder() {
        // after Spring Security's web filter (order -100), so that the caller is known
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (limiter == null || !exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal().map(Principal::getName).map(name -> "user:" + name)
                .switchIfEmpty(Mono.fromSupplier(() -> "address:" + address(exchange)))
                .flatMap(caller -> limiter.isAllowed(BUDGET, caller))
                .flatMap(response -> {
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    response.getHeaders().forEach((name, value) -> {
                        if (name.equals("X-RateLimit-Remaining")) {
                            headers.set(name, value);
                        }
                    });
                    if (response.isAllowed()) {
                        return chain.filter(exchange);
                    }
                    headers.set(HttpHeaders.RETRY_AFTER, "1");
                    return Problems.write(exchange, ProblemType.RATE_LIMITED, "more than " + perSecond
                            + " requests per second from this caller; slow down and retry after a second");
                });
    }

    private String address(ServerWebExchange exchange) {
        InetSocketAddress remote = addresses != null ? addresses.resolve(exchange) : exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
