package io.mirrorguard.agent.daemon;

import io.mirrorguard.rules.model.Collection;
import io.mirrorguard.rules.model.CollectionFailure;
import io.mirrorguard.rules.model.InstanceFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The collection part of an audit: one instance at a time per instance (a lock each), within the instance's own
 * timeout; a collection that fails, hangs or returns nothing becomes unreadable facts saying why, never an exception.
 */
final class InstanceCollection {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceCollection.class);

    /** Facts collected from one instance and how long it took. */
    record Collected(InstanceFacts facts, Duration took) {}

    private final Collector collector;
    private final ExecutorService pool;
    private final Clock clock;
    private final Map<String, ReentrantLock> locks;

    /** @param pool where each collection runs while its caller waits at most the instance's timeout */
    InstanceCollection(Collector collector, ExecutorService pool, Clock clock, java.util.Collection<String> names) {
        this.collector = collector;
        this.pool = pool;
        this.clock = clock;
        this.locks = new java.util.HashMap<>();
        names.forEach(n -> locks.put(n, new ReentrantLock()));
    }

    /** Collects the instance once nothing else collects it; interruptible while waiting and while collecting. */
    Collected collect(InstanceSpec spec) throws InterruptedException {
        ReentrantLock lock = locks.get(spec.name());
        lock.lockInterruptibly();
        try {
            return collectWithTimeout(spec);
        } finally {
            lock.unlock();
        }
    }

    private Collected collectWithTimeout(InstanceSpec spec) throws InterruptedException {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        Future<InstanceFacts> future = pool.submit(() -> collector.collect(spec.name()));
        InstanceFacts facts;
        try {
            facts = future.get(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (facts == null) {
                facts = failed(spec, started, t0, CollectionFailure.ERROR, "collector returned nothing");
            }
        } catch (TimeoutException e) {
            cancel(spec, future);
            facts = failed(spec, started, t0, CollectionFailure.TIMEOUT,
                    "no answer within " + spec.timeout().toSeconds() + "s");
        } catch (InterruptedException e) {
            cancel(spec, future);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            facts = failed(spec, started, t0, CollectionFailure.ERROR,
                    cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
        return new Collected(facts, Duration.ofNanos(System.nanoTime() - t0));
    }

    private void cancel(InstanceSpec spec, Future<?> future) {
        future.cancel(true);
        try {
            collector.cancel(spec.name());
        } catch (RuntimeException e) {
            LOG.warn("cancelling the collection of {} failed: {}", spec.name(), e.getMessage());
        }
    }

    private static InstanceFacts failed(InstanceSpec spec, Instant started, long t0, CollectionFailure failure,
                                        String reason) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        return InstanceFacts.unreadable(spec.target(), Collection.failed(started, millis, failure, reason));
    }
}
