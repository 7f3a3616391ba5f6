package cn.beijing.iip.registry.gateway.security;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cn.beijing.iip.registry.gateway.web.Problems;
import cn.beijing.iip.registry.problem.ProblemType;
import reactor.core.publisher.Mono;

/**
 * What Spring's CorsWebFilter does, except that a cross-origin request from an origin nobody configured
 * is refused with a problem+json instead of an empty 403.
 */
final class CorsProblems implements WebFilter {

    private final CorsConfigurationSource source;
    private final CorsProcessor processor = new DefaultCorsProcessor();

    CorsProblems(CorsConfigurationSource source) {
        this.source = source;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        CorsConfiguration configuration = source.getCorsConfiguration(exchange);
        if (!processor.process(configuration, exchange)) {
            return Problems.write(exchange, ProblemType.FORBIDDEN, "this origin may not call the API from a browser;"
                    + " the registry's operators list the origins that may");
        }
        if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
            return Mono.empty();
        }
        return chain.filter(exchange);
    }
}
