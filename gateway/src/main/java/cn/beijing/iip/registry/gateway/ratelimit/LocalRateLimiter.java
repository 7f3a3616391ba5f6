package cn.beijing.iip.registry.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;

import reactor.core.publisher.Mono;

/**
 * A token bucket per caller in this gateway's memory: the default for one replica. With several
 * replicas, configure Redis so that they share one budget.
 */
public final class LocalRateLimiter implements RateLimiter<Object> {

    private static final int MAX_CALLERS = 100_000;

    private final double ratePerNano;
    private final double capacity;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    public LocalRateLimiter(int perSecond, int burst) {
        this.ratePerNano = perSecond / 1e9;
        this.capacity = burst;
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        long now = System.nanoTime();
        if (calls.incrementAndGet() % 10_000 == 0 || buckets.size() > MAX_CALLERS) {
            evictIdle(now);
        }
        Bucket bucket = buckets.computeIfAbsent(id, key -> new Bucket(capacity, now));
        long remaining;
        boolean allowed;
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.refilled) * ratePerNano);
            bucket.refilled = now;
            allowed = bucket.tokens >= 1;
            if (allowed) {
                bucket.tokens -= 1;
            }
            remaining = (long) bucket.tokens;
        }
        return Mono.just(new Response(allowed, Map.of("X-RateLimit-Remaining", Long.toString(remaining))));
    }

    /** A bucket that has refilled completely holds no information: forget it. */
    private void evictIdle(long now) {
        long full = (long) (capacity / ratePerNano);
        buckets.entrySet().removeIf(entry -> now - entry.getValue().refilled > full);
    }

    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }

    @Override
    public Class<Object> getConfigClass() {
        return Object.class;
    }

    @Override
    public Object newConfig() {
        return new Object();
    }

    private static final class Bucket {
        double tokens;
        long refilled;

        Bucket(double tokens, long refilled) {
            this.tokens = tokens;
            this.refilled = refilled;
        }
    }
}
