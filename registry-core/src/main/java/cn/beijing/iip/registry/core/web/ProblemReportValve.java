package cn.beijing.iip.registry.core.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;

import cn.beijing.iip.registry.core.problem.ProblemWriter;
import cn.beijing.iip.registry.core.problem.Problems;
import cn.beijing.iip.registry.problem.ProblemType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own refusals, made before any filter or controller runs (a malformed or over-long request
 * line, an encoded slash, headers too large), as problem+json instead of Tomcat's HTML page, which
 * also names the server and its version.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = status == 400 ? "the request could not be read: its address or headers are malformed or too long"
                : type.title();
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(ProblemWriter.asMap(Problems.detail(type, detail, Map.of()))));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client has gone or the response is committed: there is no one left to tell
        }
    }
}
