package cn.beijing.iip.registry.core.problem;

import java.util.Map;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import cn.beijing.iip.registry.core.web.BodySizeLimitFilter;
import cn.beijing.iip.registry.problem.ProblemType;

/**
 * Every error a controller raises becomes problem+json with one of the registry's stable types; no
 * stack trace and no driver or parser message ever reaches the caller. The store's own failures are
 * answered by {@code StoreErrors}, beside the store.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        return Problems.response(e);
    }

    /**
     * Tomcat reads the query when a controller first asks for its parameters, and refuses one whose
     * percent-encoded bytes are not UTF-8, or more parameters than it takes: the caller's mistake.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> unreadableQuery(InvalidParameterException e) {
        return Problems.response(ProblemType.INVALID_PARAMETER, "the query could not be read: its parameters must be"
                + " UTF-8 once percent-decoded, and not too many", Map.of());
    }

    /**
     * Spring Security's firewall checks a header's value only when it is read, which for Idempotency-Key
     * and If-Match is when the controller runs: a control character there is the caller's mistake too.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> refusedByTheFirewall(RequestRejectedException e) {
        return Problems.response(ProblemType.INVALID_PARAMETER, "a header or the address holds characters that are"
                + " not allowed, such as control characters", Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        return Problems.response(ProblemType.INTERNAL, "the request could not be completed; quote the requestId"
                + " when you report it", Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimitFilter.TooLargeException) {
                return typed(Problems.response(BodySizeLimitFilter.tooLarge()));
            }
        }
        return typed(Problems.response(ProblemType.MALFORMED_JSON, "the body could not be read", Map.of()));
    }

    /** Spring MVC's own errors (405, 406, 415, 404 for unknown paths …) with the registry's types. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemType type = ProblemType.forStatus(status.value());
        String detail = body instanceof ProblemDetail problem && problem.getDetail() != null && status.value() != 500
                ? problem.getDetail() : type.title();
        ResponseEntity<ProblemDetail> response = Problems.response(type, detail, Map.of());
        HttpHeaders merged = new HttpHeaders();
        merged.addAll(headers);
        merged.addAll(response.getHeaders());
        return ResponseEntity.status(response.getStatusCode()).headers(merged).body(response.getBody());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> typed(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
