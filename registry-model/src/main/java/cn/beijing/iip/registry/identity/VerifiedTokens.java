package cn.beijing.iip.registry.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens that passed every check (signature, issuer, audience, lifetime), remembered by the
 * SHA-256 of their exact text until they expire. A client sends the same token for minutes; checking
 * its RSA signature and parsing its claims again on every request is what made token checks the
 * largest single cost of a call. Only tokens that passed are remembered, so a forged or altered token
 * (a different text, so a different digest) is always checked in full; a token is forgotten at its
 * expiry and then checked in full again, so it is refused exactly when it would have been without
 * this cache.
 *
 * @param <T> what a check produced (the decoded token)
 */
public final class VerifiedTokens<T> {

    /** Enough for every token in use at once in a registry of this size; bounds memory to a few MiB. */
    public static final int DEFAULT_CAPACITY = 4096;

    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private final Map<Digest, Verified<T>> verified = new ConcurrentHashMap<>();
    private final int capacity;
    private final InstantSource clock;

    public VerifiedTokens() {
        this(DEFAULT_CAPACITY, Clock.systemUTC());
    }

    public VerifiedTokens(int capacity, InstantSource clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** What the check of this very token produced, or null when it has to be checked. */
    public T find(String token) {
        Digest digest = Digest.of(token);
        Verified<T> entry = verified.get(digest);
        if (entry == null) {
            return null;
        }
        if (clock.millis() >= entry.expiresAtMillis()) {
            verified.remove(digest, entry);
            return null;
        }
        return entry.value();
    }

    /**
     * Remembers a token that passed every check, until {@code expiresAt}. A token without an expiry
     * is not remembered; when the cache is full of tokens still valid, the new one is not either.
     */
    public void remember(String token, T value, Instant expiresAt) {
        if (expiresAt == null) {
            return;
        }
        long now = clock.millis();
        if (expiresAt.toEpochMilli() <= now) {
            return;
        }
        if (verified.size() >= capacity) {
            verified.values().removeIf(entry -> entry.expiresAtMillis() <= now);
            if (verified.size() >= capacity) {
                return;
            }
        }
        verified.put(Digest.of(token), new Verified<>(value, expiresAt.toEpochMilli()));
    }

    public int size() {
        return verified.size();
    }

    private record Verified<T>(T value, long expiresAtMillis) {
    }

    /** The 256 bits of a token's SHA-256, compared and hashed without keeping the token's text. */
    private record Digest(long a, long b, long c, long d) {

        static Digest of(String token) {
            MessageDigest sha;
            try {
                sha = (MessageDigest) SHA_256.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("the runtime's SHA-256 cannot be cloned", e);
            }
            ByteBuffer bits = ByteBuffer.wrap(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
            return new Digest(bits.getLong(), bits.getLong(), bits.getLong(), bits.getLong());
        }
    }
}
