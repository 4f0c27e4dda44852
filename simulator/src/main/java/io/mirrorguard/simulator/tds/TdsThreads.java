package io.mirrorguard.simulator.tds;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One cached pool shared by every {@link TdsServer} in the process, for connection readers and request workers.
 * Idle threads die after a few seconds, so a thousand idle simulated servers hold no threads beyond the shared
 * accept loop.
 */
final class TdsThreads {
    static final long KEEP_ALIVE_SECONDS = 2;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS,
            TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "tds-worker-" + COUNTER.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private TdsThreads() {}
}
