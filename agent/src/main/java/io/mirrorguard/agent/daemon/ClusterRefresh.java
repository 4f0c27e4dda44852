package io.mirrorguard.agent.daemon;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an agent of a cluster's exported series current between its own audits: an instance's owner is usually not
 * the agent that audits it, so when another agent stores facts (or the alive agents change, moving instances), the
 * owner evaluates again (joining the pending evaluation). Polled at the cluster's check-in interval: one small query
 * when nothing changed, and at most one evaluation per interval when something did.
 */
final class ClusterRefresh implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRefresh.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mirrorguard-cluster-refresh");
        t.setDaemon(true);
        return t;
    });

    ClusterRefresh(ClusterFacts cluster, EvaluationRounds evaluations, Duration every) {
        long ms = Math.max(100, every.toMillis());
        timer.scheduleWithFixedDelay(() -> {
            try {
                if (cluster.changedSinceNewest()) {
                    EvaluationRounds.Result r = evaluations.join();
                    if (r.error() != null) {
                        LOG.warn("re-evaluation after the cluster changed: {}", r.error());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // a failed poll must not end the timer: the next one tries again
                LOG.warn("re-evaluation after the cluster changed failed", e);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
