package io.mirrorguard.agent.http;

import java.util.OptionalLong;
import java.util.function.LongSupplier;

/** A token bucket: {@code burst} requests at once, then one more every {@code refillNanos}. */
public final class RateLimiter {
    private final int burst;
    private final long refillNanos;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    public RateLimiter(int burst, java.time.Duration refill, LongSupplier nanoClock) {
        if (burst < 1 || refill.isNegative() || refill.isZero()) {
            throw new IllegalArgumentException("rate limit needs burst >= 1 and a positive refill period");
        }
        this.burst = burst;
        this.refillNanos = refill.toNanos();
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.last = nanoClock.getAsLong();
    }

    /** Takes a token; when none is left, returns how many whole seconds until one is. */
    public synchronized OptionalLong tryAcquire() {
        OptionalLong wait = retryAfter();
        if (wait.isEmpty()) {
            tokens -= 1;
        }
        return wait;
    }

    /** Like {@link #tryAcquire()} without taking the token: empty when one is available now. */
    public synchronized OptionalLong retryAfter() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (double) (now - last) / refillNanos);
        last = now;
        if (tokens >= 1) {
            return OptionalLong.empty();
        }
        double waitNanos = (1 - tokens) * refillNanos;
        return OptionalLong.of(Math.max(1, (long) Math.ceil(waitNanos / 1e9)));
    }
}
