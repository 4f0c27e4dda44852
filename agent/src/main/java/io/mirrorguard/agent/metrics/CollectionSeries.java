package io.mirrorguard.agent.metrics;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.mirrorguard.agent.metrics.Exposition.Type.GAUGE;

/**
 * How each instance's last collection went (up, duration, last success). An agent on its own exports its own
 * collections, each as soon as it is recorded. An agent of a cluster exports, for the instances it owns, the newest
 * collection the shared facts hold (whichever agent collected it), replaced at each evaluation: its own collections
 * only count (the audit counters), so the series stay with their owner when another agent audits the instance.
 * Not thread-safe: {@link AgentMetrics} serializes.
 */
final class CollectionSeries {

    private record Collected(boolean up, double seconds, Double lastSuccess) {}

    private final SeriesFamily up = new SeriesFamily(MetricFamilies.INSTANCE_UP, GAUGE,
            "1 when the last collection read the instance's catalog, 0 when it could not", "instance");
    private final SeriesFamily duration = new SeriesFamily(MetricFamilies.AUDIT_DURATION, GAUGE,
            "Duration of the instance's last audit collection", "instance");
    private final SeriesFamily lastSuccess = new SeriesFamily(MetricFamilies.AUDIT_LAST_SUCCESS, GAUGE,
            "Unix time of the instance's last successful audit collection", "instance");
    /** An agent on its own: its own collections, by instance. */
    private final Map<String, Collected> collected = new HashMap<>();
    private final boolean inCluster;

    /** @param inCluster the series come from the shared facts at each evaluation, not from this agent's collections */
    CollectionSeries(boolean inCluster) {
        this.inCluster = inCluster;
    }

    List<SeriesFamily> families() {
        return List.of(up, duration, lastSuccess);
    }

    /** This agent's collection of one instance; exported at once by an agent on its own, not at all in a cluster. */
    void record(String instance, boolean success, double seconds, double finishedAtSeconds) {
        if (inCluster) {
            return;
        }
        Collected previous = collected.get(instance);
        // a failed collection keeps the previous success time (or none, so the series stays absent)
        Double last = success ? Double.valueOf(finishedAtSeconds) : previous == null ? null : previous.lastSuccess();
        Collected c = new Collected(success, seconds, last);
        collected.put(instance, c);
        String key = up.key(instance);
        up.set(key, c.up() ? 1 : 0);
        duration.set(key, c.seconds());
        if (c.lastSuccess() != null) {
            lastSuccess.set(key, c.lastSuccess());
        } else {
            lastSuccess.remove(key);
        }
    }

    /**
     * After an evaluation: in a cluster, exactly the owned instances' newest shared collections; an agent on its own
     * owns everything and keeps exporting its own collections.
     */
    void owned(OwnedInstances owned) {
        Map<String, SharedCollection> shared = owned.sharedCollections();
        if (!inCluster || shared == null) {
            return;
        }
        Map<String, Double> ups = new LinkedHashMap<>();
        Map<String, Double> durations = new LinkedHashMap<>();
        Map<String, Double> successes = new LinkedHashMap<>();
        shared.forEach((instance, c) -> {
            if (!owned.owns(instance)) {
                return;
            }
            String key = up.key(instance);
            ups.put(key, c.up() ? 1.0 : 0.0);
            durations.put(key, c.seconds());
            if (c.lastSuccess() != null) {
                successes.put(key, c.lastSuccess().toEpochMilli() / 1000.0);
            }
        });
        up.replaceAll(ups);
        duration.replaceAll(durations);
        lastSuccess.replaceAll(successes);
    }

    /** Forgets instances no longer configured. */
    void retain(Set<String> instances) {
        for (Iterator<String> it = collected.keySet().iterator(); it.hasNext(); ) {
            String name = it.next();
            if (!instances.contains(name)) {
                String key = up.key(name);
                up.remove(key);
                duration.remove(key);
                lastSuccess.remove(key);
                it.remove();
            }
        }
    }
}
