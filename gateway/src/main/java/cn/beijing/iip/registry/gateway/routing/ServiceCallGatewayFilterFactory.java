package cn.beijing.iip.registry.gateway.routing;

import java.net.ConnectException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import cn.beijing.iip.registry.gateway.web.BodySizeWebFilter;
import cn.beijing.iip.registry.gateway.web.Problems;
import cn.beijing.iip.registry.problem.ProblemType;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import reactor.core.publisher.Mono;

/**
 * A call to one service, as a route filter ({@code ServiceCall=platforms}): a replica that refuses the
 * connection is passed over for the next one (nothing of the request was sent, so every method may go
 * on; an answer, even a 5xx, is never sent again), and the service's circuit breaker
 * ({@code resilience4j.circuitbreaker}) counts each call that no replica answered, or whose service
 * stayed silent past {@code iip.gateway.service-timeout}. Such a call, and every call while the breaker is open, is answered
 * 503 problem+json with {@code Retry-After}. A chunked body that outgrows the limit on its way is the
 * caller's fault, not the service's: it is answered 413 and not counted.
 * <p>
 * One filter in place of Spring Cloud Gateway's CircuitBreaker and Retry filters, for the same
 * behaviour with less work per call: those wrapped each call in a time limiter, a fallback forward
 * and a {@code retryWhen} companion, and Retry kept a copy of every request body for a second try
 * (bench/RESULTS.md has what it changed).
 */
@Component
public class ServiceCallGatewayFilterFactory extends AbstractGatewayFilterFactory<ServiceCallGatewayFilterFactory.Config> {

    /** Replicas tried after the first one refused the connection. */
    static final int NEXT_REPLICAS = 2;

    private static final Logger log = LoggerFactory.getLogger(ServiceCallGatewayFilterFactory.class);

    private final CircuitBreakerRegistry breakers;

    public ServiceCallGatewayFilterFactory(CircuitBreakerRegistry breakers) {
        super(Config.class);
        this.breakers = breakers;
        breakers.getEventPublisher().onEntryAdded(added -> added.getAddedEntry().getEventPublisher()
                .onStateTransition(event -> log.warn("circuit breaker of {}: {}", event.getCircuitBreakerName(),
                        event.getStateTransition())));
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("service");
    }

    @Override
    public GatewayFilter apply(Config config) {
        CircuitBreaker breaker = breakers.circuitBreaker(config.getService());
        String unavailable = "the " + config.getService() + " service is down or did not answer in time; try again"
                + " shortly. A change you sent may have been made: read the entry again before repeating it (a"
                + " create repeated with the same Idempotency-Key is safe)";
        return (exchange, chain) -> {
            if (!breaker.tryAcquirePermission()) {
                return Problems.write(exchange, ProblemType.SERVICE_UNAVAILABLE, unavailable);
            }
            long started = breaker.getCurrentTimestamp();
            return attempt(exchange, chain, NEXT_REPLICAS)
                    .doOnSuccess(done -> breaker.onSuccess(breaker.getCurrentTimestamp() - started, breaker.getTimestampUnit()))
                    .onErrorResume(error -> {
                        if (error instanceof BodySizeWebFilter.TooLarge) {
                            // the caller's body outgrew the limit while it streamed: the caller's fault, a 413
                            breaker.releasePermission();
                            return Mono.error(error);
                        }
                        breaker.onError(breaker.getCurrentTimestamp() - started, breaker.getTimestampUnit(), error);
                        // once the answer has begun, the connection is all that can still be closed
                        return exchange.getResponse().isCommitted() ? Mono.error(error)
                                : Problems.write(exchange, ProblemType.SERVICE_UNAVAILABLE, unavailable);
                    })
                    .doOnCancel(breaker::releasePermission);
        };
    }

    private static Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, int nextReplicas) {
        return chain.filter(exchange).onErrorResume(
                error -> nextReplicas > 0 && refused(error) && !exchange.getResponse().isCommitted(),
                error -> {
                    ServerWebExchangeUtils.reset(exchange);
                    return attempt(exchange, chain, nextReplicas - 1);
                });
    }

    static boolean refused(Throwable error) {
        return error instanceof ConnectException || error.getCause() instanceof ConnectException;
    }

    public static class Config {

        private String service;

        public String getService() {
            return service;
        }

        public void setService(String service) {
            this.service = service;
        }
    }
}
