package cn.beijing.iip.registry.core.problem;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Writes problem+json from filters, where no controller advice runs (401, 403, 413). */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, ProblemException problem) throws IOException {
        ProblemDetail detail = Problems.detail(problem.type(), problem.detail(), problem.properties());
        response.setStatus(detail.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        if (detail.getStatus() == 503) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        }
        json.writeValue(response.getOutputStream(), asMap(detail));
    }

    /** RFC 9457 members first, then the extension members. */
    public static Map<String, Object> asMap(ProblemDetail detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(detail.getType()));
        body.put("title", detail.getTitle());
        body.put("status", detail.getStatus());
        body.put("detail", detail.getDetail());
        if (detail.getInstance() != null) {
            body.put("instance", detail.getInstance().toString());
        }
        if (detail.getProperties() != null) {
            body.putAll(detail.getProperties());
        }
        return body;
    }
}
