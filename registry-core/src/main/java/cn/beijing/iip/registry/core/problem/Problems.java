package cn.beijing.iip.registry.core.problem;

import java.util.Map;

import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import cn.beijing.iip.registry.problem.ProblemType;
import cn.beijing.iip.registry.web.RequestIds;

/** Builds the problem+json bodies of the registry: a stable type, a title, a readable detail. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail detail(ProblemType type, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(type.status()), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        properties.forEach(problem::setProperty);
        String requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemException e) {
        return response(e.type(), e.detail(), e.properties());
    }

    public static ResponseEntity<ProblemDetail> response(ProblemType type, String detail, Map<String, Object> properties) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(type.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (type.status() == 503) {
            builder.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return builder.body(detail(type, detail, properties));
    }

}
