package cn.beijing.iip.registry.system.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Forged tokens are what they claim to be, so a refusal of them means the servers saw through them. */
class ForgedTokensTest {

    private static final String TOKEN = encode("{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}") + "."
            + encode("{\"iss\":\"http://localhost/realms/iip\",\"creditCode\":\"A\",\"exp\":1}") + ".c2ln";

    @Test
    void keepsTheSignatureButChangesTheClaims() {
        String forged = ForgedTokens.withClaims(TOKEN, claims -> claims.put("creditCode", "B"));

        assertThat(forged.split("\\.")[2]).isEqualTo("c2ln");
        assertThat(ForgedTokens.claims(forged).get("creditCode").asString()).isEqualTo("B");
        assertThat(ForgedTokens.header(forged).get("kid").asString()).isEqualTo("k1");
    }

    @Test
    void makesUnsignedTokensWithTheAlgorithmSpeltAsAsked() {
        String none = ForgedTokens.algNone(TOKEN, "NoNe", true);

        assertThat(none).endsWith(".");
        assertThat(ForgedTokens.header(none).get("alg").asString()).isEqualTo("NoNe");
        assertThat(ForgedTokens.algNone(TOKEN, "none", false).split("\\.")).hasSize(2);
    }

    @Test
    void signsWithHmacAndWithAKeyOfItsOwn() {
        String hmac = ForgedTokens.hmac(TOKEN, "key".getBytes(StandardCharsets.US_ASCII), claims -> { });
        String own = new ForgedTokens().selfSigned(TOKEN, header -> header.put("jku", "http://127.0.0.1:1/jwks"), claims -> { });

        assertThat(ForgedTokens.header(hmac).get("alg").asString()).isEqualTo("HS256");
        assertThat(Base64.getUrlDecoder().decode(hmac.split("\\.")[2])).hasSize(32);
        assertThat(ForgedTokens.header(own).get("jku").asString()).isEqualTo("http://127.0.0.1:1/jwks");
        assertThat(Base64.getUrlDecoder().decode(own.split("\\.")[2])).hasSize(256);
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
