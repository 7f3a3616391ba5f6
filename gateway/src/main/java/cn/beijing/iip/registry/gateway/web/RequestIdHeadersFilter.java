package cn.beijing.iip.registry.gateway.web;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import cn.beijing.iip.registry.web.RequestIds;

/**
 * Sends the request id that {@link RequestIdWebFilter} chose on to the service, in place of whatever
 * {@code X-Request-Id} the caller sent. Set on the headers of the call to the service as they are
 * copied, so the caller's request is not wrapped again for one header.
 */
@Component
public class RequestIdHeadersFilter implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        String requestId = RequestIdWebFilter.requestId(exchange);
        if (requestId == null) {
            return input;
        }
        HttpHeaders headers = HttpHeaders.copyOf(input);
        headers.set(RequestIds.HEADER, requestId);
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
