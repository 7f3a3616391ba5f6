package cn.beijing.iip.registry.gateway.web;

import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import cn.beijing.iip.registry.web.RequestIds;
import io.micrometer.context.ContextRegistry;

/**
 * Makes the request id in the Reactor context visible to logging as MDC entry {@code requestId} where
 * Reactor restores thread locals from the context ({@code handle} and {@code tap} operators, with
 * {@code spring.reactor.context-propagation=limited}); the gateway's own lines set it themselves.
 */
@Component
public class RequestIdLogging {

    public RequestIdLogging() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(RequestIds.MDC_KEY,
                () -> MDC.get(RequestIds.MDC_KEY),
                value -> MDC.put(RequestIds.MDC_KEY, value),
                () -> MDC.remove(RequestIds.MDC_KEY));
    }
}
