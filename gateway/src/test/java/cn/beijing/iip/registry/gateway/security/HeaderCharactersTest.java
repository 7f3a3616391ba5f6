package cn.beijing.iip.registry.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

class HeaderCharactersTest {

    @Test
    void allowsAndRefusesExactlyWhatSpringSecuritysStrictFirewallDoes() {
        Random random = new Random(20261122);
        // printable ASCII, tab, controls (C0, DEL, C1), unassigned code points, surrogates paired and alone
        int[] interesting = {'a', 'Z', '0', ' ', '~', '\t', '\n', '\r', 0, 0x1f, 0x7f, 0x85, 0x9f, 0xa0, 0xe9, 0x378, 0x2028,
                0xfdd0, 0xffff, 0xd83d, 0xde00, 0x1f600, 0x10ffff, 0xe0000, 0x30000};
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(8);
            for (int j = 0; j < length; j++) {
                text.appendCodePoint(random.nextInt(4) == 0 ? interesting[random.nextInt(interesting.length)]
                        : random.nextInt(5) == 0 ? random.nextInt(0x110000) : 0x20 + random.nextInt(0x5f));
                if (random.nextInt(10) == 0) {
                    text.append((char) (0xd800 + random.nextInt(0x800)));
                }
            }
            String value = text.toString();
            assertThat(HeaderCharacters.allowedValue(value)).as("value %s", value.codePoints().boxed().toList())
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(value));
            assertThat(HeaderCharacters.allowedName(value)).as("name %s", value.codePoints().boxed().toList())
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(value));
        }
    }

    @Test
    void allowsTheHeadersOfAnOrdinaryCall() {
        assertThat(HeaderCharacters.allowedName("Authorization")).isTrue();
        assertThat(HeaderCharacters.allowedValue("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln")).isTrue();
        assertThat(HeaderCharacters.allowedValue("北京 value\twith tab")).isTrue();
        assertThat(HeaderCharacters.allowedName("X-Name\t")).isFalse();
        assertThat(HeaderCharacters.allowedValue("line\r\nbreak")).isFalse();
        assertThat(HeaderCharacters.allowedValue(null)).isTrue();
    }
}
