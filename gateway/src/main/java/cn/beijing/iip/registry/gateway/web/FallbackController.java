package cn.beijing.iip.registry.gateway.web;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import cn.beijing.iip.registry.problem.ProblemType;
import reactor.core.publisher.Mono;

/** Where a route's circuit breaker sends a call when its service is down, hanging or open-circuited. */
@RestController
public class FallbackController {

    @RequestMapping("/fallback/{service}")
    public Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        return Problems.write(exchange, ProblemType.SERVICE_UNAVAILABLE, "the " + service + " service is down or"
                + " did not answer in time; try again shortly. A change you sent may have been made: read the"
                + " entry again before repeating it (a create repeated with the same Idempotency-Key is safe)");
    }
}
