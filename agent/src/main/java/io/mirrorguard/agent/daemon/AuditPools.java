package io.mirrorguard.agent.daemon;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads audits run on, made in one place and handed to the parts that use them, so whoever creates them closes
 * them and waits for every one (collections included) on shutdown.
 *
 * @param collect  runs each collection so its caller can give up at the instance's timeout (unbounded: a hung
 *                 driver call must not hold a slot other instances need)
 * @param fleet    collects the instances of a fleet audit, at most the configured concurrency at once
 * @param background runs audits started through the API, and finishes scheduled rounds (evaluation and store
 *                   write) off the scheduler's threads
 * @param evaluate the single thread fleet evaluations run on, one at a time
 */
public record AuditPools(ExecutorService collect, ExecutorService fleet, ExecutorService background,
                         ExecutorService evaluate) implements AutoCloseable {

    /** How long {@link #close()} waits for running work after interrupting it. */
    static final long CLOSE_WAIT_SECONDS = 5;

    public static AuditPools create(int concurrency) {
        return new AuditPools(Executors.newCachedThreadPool(daemonThreads("mirrorguard-collect")),
                Executors.newFixedThreadPool(Math.max(1, concurrency), daemonThreads("mirrorguard-fleet")),
                Executors.newFixedThreadPool(2, daemonThreads("mirrorguard-background")),
                Executors.newSingleThreadExecutor(daemonThreads("mirrorguard-evaluate")));
    }

    /** Interrupts what runs and waits for all four pools to finish (each up to {@value #CLOSE_WAIT_SECONDS} s). */
    /** Interrupts what runs and refuses new work, without waiting. */
    public void shutdownNow() {
        List.of(background, fleet, collect, evaluate).forEach(ExecutorService::shutdownNow);
    }

    @Override
    public void close() {
        List<ExecutorService> all = List.of(background, fleet, collect, evaluate);
        shutdownNow();
        try {
            for (ExecutorService pool : all) {
                pool.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean terminated() {
        return List.of(background, fleet, collect, evaluate).stream().allMatch(ExecutorService::isTerminated);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
