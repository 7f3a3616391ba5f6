package cn.beijing.iip.registry.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cn.beijing.iip.registry.web.RequestIds;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Gives every request an {@code X-Request-Id} (the caller's, when it is safe, else a new one), passes
 * it to the services ({@link RequestIdHeadersFilter}), returns it, puts it into the Reactor context and
 * writes one access-log line per request. The gateway's own log lines about a request put the id into
 * the MDC themselves ({@link #logging}): restoring it on every Reactor signal of every request
 * ({@code context-propagation: auto}) cost more than a tenth of a call's CPU.
 */
@Component
public class RequestIdWebFilter implements WebFilter, Ordered {

    private static final Logger access = LoggerFactory.getLogger("cn.beijing.iip.registry.gateway.access");

    private static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".requestId";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        exchange.getAttributes().put(ATTRIBUTE, requestId);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        // the service answers with the same id: keep one header, not the gateway's and the service's
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
            return Mono.empty();
        });
        long started = System.nanoTime();
        return chain.filter(exchange)
                .doFinally(signal -> log(exchange, requestId, started))
                .contextWrite(Context.of(RequestIds.MDC_KEY, requestId));
    }

    private static void log(ServerWebExchange exchange, String requestId, long started) {
        if (!access.isInfoEnabled()) {
            return;
        }
        logging(requestId, () -> access.info("{} {} {} {}ms", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().value(),
                exchange.getResponse().getStatusCode() == null ? 200 : exchange.getResponse().getStatusCode().value(),
                (System.nanoTime() - started) / 1_000_000));
    }

    /** The id this filter gave the request; null for an exchange it has not seen. */
    public static String requestId(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    /** Writes log lines about this exchange with its request id in the MDC, on whatever thread runs this. */
    public static void logging(ServerWebExchange exchange, Runnable lines) {
        logging(requestId(exchange), lines);
    }

    private static void logging(String requestId, Runnable lines) {
        if (requestId == null) {
            lines.run();
            return;
        }
        MDC.put(RequestIds.MDC_KEY, requestId);
        try {
            lines.run();
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
