package cn.beijing.iip.registry.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import cn.beijing.iip.registry.problem.ProblemType;
import reactor.core.publisher.Mono;

/** Whatever goes wrong in the gateway itself reaches the caller as problem+json, never a stack trace. */
@Component
@Order(-2)
public class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (error instanceof BodySizeWebFilter.TooLarge) {
            return Problems.write(exchange, ProblemType.PAYLOAD_TOO_LARGE, BodySizeWebFilter.DETAIL);
        }
        if (error instanceof ResponseStatusException status) {
            ProblemType type = ProblemType.forStatus(status.getStatusCode().value());
            String detail = switch (type) {
                case NOT_FOUND -> "nothing at " + exchange.getRequest().getPath().value();
                case METHOD_NOT_ALLOWED -> exchange.getRequest().getMethod() + " is not allowed here";
                case SERVICE_UNAVAILABLE -> "the service behind this path is not available; try again shortly";
                case INTERNAL -> "the request could not be completed; quote the requestId when you report it";
                default -> status.getReason() != null ? status.getReason() : type.title();
            };
            if (type == ProblemType.INTERNAL) {
                RequestIdWebFilter.logging(exchange, () -> log.error("gateway error", error));
            }
            return Problems.write(exchange, type, detail);
        }
        RequestIdWebFilter.logging(exchange, () -> log.error("gateway error", error));
        return Problems.write(exchange, ProblemType.INTERNAL, "the request could not be completed; quote the requestId"
                + " when you report it");
    }
}
