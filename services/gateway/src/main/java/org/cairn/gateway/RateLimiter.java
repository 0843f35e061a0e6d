package org.cairn.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per user, in memory: each instance of the gateway limits what reaches it, which
 * with N instances behind a load balancer lets a user make at most N times the rate. That is the
 * point of a per-user limit here (one runaway front end must not starve the rest), not an exact quota.
 */
final class RateLimiter {

    /** Buckets kept at most; past it, the full ones (users quiet long enough to refill) are dropped. */
    static final int MAX_USERS = 50_000;

    private final double perNano;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(int perSecond, int burst) {
        if (perSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("gateway.rate-limit: per-second and burst must be positive");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
    }

    /**
     * Takes one request from the user's bucket.
     *
     * @return 0 if the request may go on, else the whole seconds to wait before one would (≥ 1)
     */
    long acquire(String user, long nowNanos) {
        if (buckets.size() >= MAX_USERS && !buckets.containsKey(user)) {
            buckets.values().removeIf(b -> b.isFull(nowNanos));
        }
        Bucket bucket = buckets.computeIfAbsent(user, u -> new Bucket(nowNanos));
        return bucket.take(nowNanos);
    }

    private final class Bucket {
        private double tokens = burst;
        private long at;

        Bucket(long now) {
            this.at = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double nanos = (1 - tokens) / perNano;
            return Math.max(1, (long) Math.ceil(nanos / 1e9));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            if (now > at) {
                tokens = Math.min(burst, tokens + (now - at) * perNano);
                at = now;
            }
        }
    }
}
