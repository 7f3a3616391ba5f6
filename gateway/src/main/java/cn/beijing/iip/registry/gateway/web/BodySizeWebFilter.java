package cn.beijing.iip.registry.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cn.beijing.iip.registry.problem.ProblemType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bodies over 1 MiB get 413 before they reach a service: at once when {@code Content-Length} says
 * so, and as soon as a chunked body grows past the limit.
 */
@Component
public class BodySizeWebFilter implements WebFilter, Ordered {

    static final String DETAIL = "a request body has at most " + ProblemType.MAX_BODY_BYTES + " bytes (1 MiB)";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (headers.getContentLength() > ProblemType.MAX_BODY_BYTES) {
            return Problems.write(exchange, ProblemType.PAYLOAD_TOO_LARGE, DETAIL);
        }
        // without Transfer-Encoding a body is as long as its Content-Length says, or there is none
        if (!headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        ServerHttpRequestDecorator limited = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                long[] seen = {0};
                return super.getBody().handle((buffer, sink) -> {
                    seen[0] += buffer.readableByteCount();
                    if (seen[0] > ProblemType.MAX_BODY_BYTES) {
                        DataBufferUtils.release(buffer);
                        sink.error(new TooLarge());
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(limited).build());
    }

    /** A chunked body that grew past the limit while it was being forwarded. */
    public static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(DETAIL, null, false, false);
        }
    }
}
