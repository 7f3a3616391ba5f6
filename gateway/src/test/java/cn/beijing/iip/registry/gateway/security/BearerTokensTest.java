package cn.beijing.iip.registry.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

class BearerTokensTest {

    private final BearerTokens tokens = new BearerTokens();
    private final ServerBearerTokenAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

    @ParameterizedTest
    @ValueSource(strings = {"Bearer eyJ.eyJ.sig", "bearer abc", "BEARER a-b.c_d~e+f/g==", "Bearer x"})
    void readsTheTokenOfABearerHeader(String header) {
        assertThat(outcome(tokens, header)).isEqualTo("token " + header.substring(7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer  abc", "Bearer abc ", "Bearer a=b", "Bearer ==", "Bearerabc",
            "Bearer abc\tdef", "Bearer é"})
    void refusesAMalformedBearerHeader(String header) {
        assertThat(outcome(tokens, header)).isEqualTo("malformed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "", "Bea", "Token abc"})
    void leavesOtherSchemesToAnonymousAccess(String header) {
        assertThat(outcome(tokens, header)).isEqualTo("none");
    }

    @Test
    void decidesEveryHeaderAsSpringSecuritysConverterDoes() {
        Random random = new Random(20261122);
        String alphabet = "Bb EeAaRr=-._~+/:;,\"\t0129zZ\u00e9\u212a\u0131";
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder header = new StringBuilder(random.nextInt(3) == 0 ? "" : random.nextBoolean() ? "Bearer " : "bEaReR ");
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(header.toString());
        }
        for (String header : headers) {
            assertThat(outcome(tokens, header)).as(header).isEqualTo(outcome(spring, header));
        }
    }

    private static String outcome(org.springframework.security.web.server.authentication.ServerAuthenticationConverter converter,
            String header) {
        ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/platforms")
                .header(HttpHeaders.AUTHORIZATION, header));
        try {
            Authentication authentication = converter.convert(exchange).block();
            return authentication == null ? "none"
                    : "token " + ((BearerTokenAuthenticationToken) authentication).getToken();
        } catch (OAuth2AuthenticationException e) {
            return e.getError().getDescription().contains("malformed") ? "malformed" : e.getError().getDescription();
        }
    }
}
