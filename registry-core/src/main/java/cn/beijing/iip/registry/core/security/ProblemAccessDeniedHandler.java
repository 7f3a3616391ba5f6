package cn.beijing.iip.registry.core.security;

import java.io.IOException;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

import cn.beijing.iip.registry.core.caller.Caller;
import cn.beijing.iip.registry.core.caller.CallerResolver;
import cn.beijing.iip.registry.core.problem.ProblemException;
import cn.beijing.iip.registry.core.problem.ProblemWriter;
import cn.beijing.iip.registry.identity.Roles;
import cn.beijing.iip.registry.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** 403 problem+json that names the role a call needs, or says that verification is pending. */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final ProblemWriter writer;

    public ProblemAccessDeniedHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Caller caller = CallerResolver.of(SecurityContextHolder.getContext().getAuthentication());
        ProblemException problem = Operation.of(request)
                .map(operation -> Roles.ENTERPRISE.equals(operation.role())
                        ? caller.notAnEnterprise()
                        : ProblemException.of(ProblemType.FORBIDDEN, operation.action() + " needs role " + operation.role()))
                .orElseGet(() -> ProblemException.of(ProblemType.FORBIDDEN, "this call is not allowed for this account"));
        writer.write(response, problem);
    }
}
