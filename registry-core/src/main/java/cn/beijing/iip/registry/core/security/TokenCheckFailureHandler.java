package cn.beijing.iip.registry.core.security;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import cn.beijing.iip.registry.core.problem.ProblemException;
import cn.beijing.iip.registry.core.problem.ProblemWriter;
import cn.beijing.iip.registry.problem.ProblemType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a caller hears when its bearer token is refused. A token that could not be checked at all,
 * because it names a key the identity provider's JWK set could not be fetched for, is a 503 with
 * Retry-After: the token may well be good, and the caller should try again rather than log in again
 * (which fails too while the identity provider is away). Every other failure is the entry point's 401.
 */
public final class TokenCheckFailureHandler implements AuthenticationFailureHandler {

    public static final String DETAIL = "the bearer token could not be checked: the identity provider's keys cannot"
            + " be fetched now; try again shortly";

    private static final Logger log = LoggerFactory.getLogger(TokenCheckFailureHandler.class);

    private final AuthenticationEntryPoint entryPoint;
    private final ProblemWriter writer;

    public TokenCheckFailureHandler(AuthenticationEntryPoint entryPoint, ProblemWriter writer) {
        this.entryPoint = entryPoint;
        this.writer = writer;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException, ServletException {
        if (failure instanceof AuthenticationServiceException) {
            log.warn("bearer token not checked, the identity provider's keys cannot be fetched: {}", failure.getMessage());
            writer.write(response, ProblemException.of(ProblemType.IDENTITY_UNAVAILABLE, DETAIL));
            return;
        }
        entryPoint.commence(request, response, failure);
    }
}
