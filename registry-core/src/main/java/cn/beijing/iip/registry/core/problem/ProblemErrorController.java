package cn.beijing.iip.registry.core.problem;

import java.util.Map;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.beijing.iip.registry.problem.ProblemType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/** Errors raised before any controller (by the servlet container or a filter) as problem+json too. */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof ProblemException problem) {
            return Problems.response(problem);
        }
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        ProblemType type = ProblemType.forStatus(status instanceof Integer code ? code : 404);
        return Problems.response(type, type.title(), Map.of());
    }
}
