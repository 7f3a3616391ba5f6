package cn.beijing.iip.registry.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.web.server.ServerWebExchange;

class OnePassFirewallTest {

    private final OnePassFirewall firewall = new OnePassFirewall();

    @Test
    void letsAnOrdinaryCallThroughAsItCame() {
        ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/platforms")
                .queryParam("industry", "C36").header("Authorization", "Bearer a.b.c").header("X-Name", "北京\tvalue"));

        assertThat(firewall.getFirewalledExchange(exchange).block()).isSameAs(exchange);
    }

    @Test
    void refusesControlCharactersInHeaderNamesAndValues() {
        assertRefused(MockServerHttpRequest.get("/api/platforms").header("X-Name", "line\r\nInjected: yes"));
        assertRefused(MockServerHttpRequest.get("/api/platforms").header("X-Na\u0000me", "value"));
    }

    @Test
    void refusesControlCharactersAndTabsInParameters() {
        assertRefused(MockServerHttpRequest.get("/api/platforms").queryParam("name", "a\u0000b"));
        assertRefused(MockServerHttpRequest.get("/api/platforms").queryParam("name", "a\tb"));
        assertRefused(MockServerHttpRequest.get("/api/platforms").queryParam("na\nme", "x"));
    }

    @Test
    void keepsTheStrictFirewallsRulesForAddressesAndMethods() {
        assertRefused(MockServerHttpRequest.get("/api/platforms/%2F..%2Fadmin"));
        assertRefused(MockServerHttpRequest.get("/api/../actuator/env"));
        assertRefused(MockServerHttpRequest.method(HttpMethod.valueOf("TRACE"), "/api/platforms"));
    }

    private void assertRefused(MockServerHttpRequest.BaseBuilder<?> request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        assertThatThrownBy(() -> firewall.getFirewalledExchange(exchange).block())
                .isInstanceOf(ServerExchangeRejectedException.class);
    }
}
