package io.mirrorguard.agent.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Slows down token guessing: each client (remote address) may fail {@link #BURST} bearer-token checks at once, then
 * one more every {@link #REFILL}. Beyond that every token check of that client, right or wrong, is refused with 429
 * and Retry-After until its allowance refills, so a guesser learns nothing from the answers in between.
 */
final class FailedAuthThrottle {
    static final int BURST = 5;
    static final Duration REFILL = Duration.ofSeconds(12);
    /** Clients remembered at most; the least recently seen is forgotten first (bounded memory under a flood). */
    static final int MAX_CLIENTS = 10_000;

    private final LongSupplier nanoClock;
    private final Map<String, RateLimiter> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    FailedAuthThrottle(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Throws 429 (with Retry-After) while the request's client has no failed attempts left, else 401 when the
     * request's bearer token is wrong, counting the failure.
     */
    void require(Context ctx, BearerTokens tokens) {
        String client = ctx.ip();
        OptionalLong wait = retryAfter(client);
        if (wait.isPresent()) {
            ctx.header("Retry-After", Long.toString(wait.getAsLong()));
            throw new ApiError(429, "too many failed token attempts", "retry after " + wait.getAsLong() + "s");
        }
        if (!tokens.accepts(ctx.header("Authorization"))) {
            recordFailure(client);
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "unauthorized", tokens.configured()
                    ? "a valid bearer token is required" : "no API tokens are configured (http.tokens)");
        }
    }

    /** Seconds until {@code client} may try a token again; empty when it may now. */
    OptionalLong retryAfter(String client) {
        synchronized (failures) {
            RateLimiter limiter = failures.get(client);
            return limiter == null ? OptionalLong.empty() : limiter.retryAfter();
        }
    }

    void recordFailure(String client) {
        synchronized (failures) {
            failures.computeIfAbsent(client, c -> new RateLimiter(BURST, REFILL, nanoClock)).tryAcquire();
        }
    }
}
