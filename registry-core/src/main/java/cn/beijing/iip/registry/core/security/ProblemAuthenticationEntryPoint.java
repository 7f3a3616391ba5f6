package cn.beijing.iip.registry.core.security;

import java.io.IOException;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

import cn.beijing.iip.registry.core.problem.ProblemException;
import cn.beijing.iip.registry.core.problem.ProblemWriter;
import cn.beijing.iip.registry.identity.TokenRefusals;
import cn.beijing.iip.registry.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** 401 with the standard {@code WWW-Authenticate} header and a problem+json body. */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final ProblemWriter writer;

    public ProblemAuthenticationEntryPoint(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearer.commence(request, response, failure);
        writer.write(response, ProblemException.of(ProblemType.UNAUTHORIZED, describe(failure)));
    }

    /** Why the token was refused, without internal addresses or library messages. */
    static String describe(AuthenticationException failure) {
        if (failure instanceof InvalidBearerTokenException) {
            return TokenRefusals.invalid(failure.getMessage());
        }
        return failure.getClass().getSimpleName().startsWith("InsufficientAuthentication") ? TokenRefusals.NO_TOKEN
                : "the bearer token could not be checked";
    }
}
