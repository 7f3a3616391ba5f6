package cn.beijing.iip.registry.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import cn.beijing.iip.registry.problem.ProblemType;
import cn.beijing.iip.registry.web.RequestIds;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes the gateway's own problem+json answers, in the shape the services use. */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static Map<String, Object> body(ProblemType type, String detail, ServerWebExchange exchange) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", type.status());
        body.put("detail", detail);
        body.put("instance", exchange.getRequest().getPath().value());
        String requestId = exchange.getResponse().getHeaders().getFirst(RequestIds.HEADER);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return body;
    }

    /** Replaces whatever the response had with a problem; does nothing once the response is committed. */
    public static Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(HttpStatus.valueOf(type.status()));
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        if (type.status() == 503) {
            headers.set(HttpHeaders.RETRY_AFTER, "5");
        }
        byte[] bytes = JSON.writeValueAsString(body(type, detail, exchange)).getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> ProblemType.INVALID_PARAMETER;
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ProblemType.RATE_LIMITED;
            case 502, 503, 504 -> ProblemType.SERVICE_UNAVAILABLE;
            default -> ProblemType.INTERNAL;
        };
    }
}
