package io.mirrorguard.agent.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meters of an agent in a cluster (storage.url), registered only there: {@code mirrorguard_cluster_agents}, the
 * agents this agent sees checked in to the shared database, labelled with this agent's identity so that each
 * agent's view is its own series: every agent exports the same fleet-wide count, so queries take the max (or the
 * min, to alert on a lost agent), never the sum. Read at every scrape, as {@code /readyz} reads the database.
 */
public final class ClusterMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMetrics.class);

    private ClusterMetrics() {}

    /**
     * @param registry    {@link AgentMetrics#perScrapeRegistry()}
     * @param aliveAgents read at each scrape; NaN while the database cannot be read
     */
    public static void register(MeterRegistry registry, String agentId, IntSupplier aliveAgents) {
        Gauge.builder("mirrorguard.cluster.agents", () -> {
                    try {
                        return aliveAgents.getAsInt();
                    } catch (RuntimeException e) {
                        LOG.debug("mirrorguard_cluster_agents unknown: {}", e.getMessage());
                        return Double.NaN;
                    }
                })
                .description("Agents of the cluster checked in to the shared database (QRTZ_SCHEDULER_STATE), "
                        + "as this agent sees them")
                .tag("agent", agentId)
                .register(registry);
    }
}
