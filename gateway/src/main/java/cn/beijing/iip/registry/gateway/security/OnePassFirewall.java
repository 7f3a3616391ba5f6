package cn.beijing.iip.registry.gateway.security;

import java.util.List;
import java.util.Map;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Spring Security's strict firewall, with its rules for header and parameter characters applied once
 * per request. The strict firewall checks the method, the address and the host itself and then hands on
 * an exchange that checks a header each time it is read, through new wrappers of the exchange, the
 * request and its headers on every read; a call through the gateway reads the request dozens of times,
 * the 1.5 KB Authorization header several times. Here every header and parameter is checked once,
 * against the same rules ({@link HeaderCharacters}), and the exchange goes on unwrapped.
 */
final class OnePassFirewall implements ServerWebExchangeFirewall {

    private final StrictServerWebExchangeFirewall strict = new StrictServerWebExchangeFirewall();

    @Override
    public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
        return strict.getFirewalledExchange(exchange).map(checked -> {
            check(exchange.getRequest());
            return exchange;
        });
    }

    private static void check(ServerHttpRequest request) {
        for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
            reject(!HeaderCharacters.allowedName(header.getKey()), "header name", header.getKey());
            for (String value : header.getValue()) {
                reject(!HeaderCharacters.allowedValue(value), "value of the header", header.getKey());
            }
        }
        if (request.getURI().getRawQuery() == null) {
            return;
        }
        for (Map.Entry<String, List<String>> parameter : request.getQueryParams().entrySet()) {
            reject(!HeaderCharacters.allowedName(parameter.getKey()), "parameter name", parameter.getKey());
            for (String value : parameter.getValue()) {
                // a parameter's value may not hold a tab, as in the strict firewall
                reject(!HeaderCharacters.allowedName(value), "value of the parameter", parameter.getKey());
            }
        }
    }

    private static void reject(boolean refused, String what, String name) {
        if (refused) {
            throw new ServerExchangeRejectedException("The request was rejected because the " + what + " \"" + name
                    + "\" is not allowed.");
        }
    }
}
