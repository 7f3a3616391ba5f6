package cn.beijing.iip.registry.gateway.web;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import cn.beijing.iip.registry.problem.ProblemType;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends a call when its service is down, hanging or open-circuited.
 * Only those forwards get the outage answer: called from outside, the path is as unknown as any other,
 * so nobody can make the gateway announce an outage that is not there.
 */
@RestController
public class FallbackController {

    @RequestMapping("/fallback/{service}")
    public Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        if (exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR) == null) {
            return Problems.write(exchange, ProblemType.NOT_FOUND, "nothing at " + exchange.getRequest().getPath().value());
        }
        return Problems.write(exchange, ProblemType.SERVICE_UNAVAILABLE, "the " + service + " service is down or"
                + " did not answer in time; try again shortly. A change you sent may have been made: read the"
                + " entry again before repeating it (a create repeated with the same Idempotency-Key is safe)");
    }
}
