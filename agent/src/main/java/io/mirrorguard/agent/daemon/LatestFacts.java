package io.mirrorguard.agent.daemon;

import io.mirrorguard.agent.audit.InstanceStatus;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.metrics.OwnedInstances;
import io.mirrorguard.rules.engine.FleetScope;
import io.mirrorguard.rules.model.Collection;
import io.mirrorguard.rules.model.InstanceFacts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The latest facts and status of every configured instance: what an evaluation reads. Facts, status and the
 * collection metrics of an instance change together, so an evaluation never sees one without the other.
 */
final class LatestFacts {

    /** What accepting collected facts found: the instances read completely, and "instance: why" for the others. */
    record Accepted(List<String> problems, Set<String> readable) {}

    /**
     * The facts an evaluation runs on, in configuration order, the instances not collected yet, and those whose
     * per-instance metrics this agent exports ({@link ClusterFacts.Newest#owns()}).
     */
    record Snapshot(List<InstanceFacts> facts, List<FleetScope.Uncollected> notCollectedYet, OwnedInstances owns) {}

    private final Map<String, InstanceSpec> instances;
    private final AgentMetrics metrics;
    private final Clock clock;
    private final Map<String, InstanceFacts> facts = new HashMap<>();
    private final Map<String, InstanceStatus> statuses = new HashMap<>();
    private final ClusterFacts cluster;

    /** @param instances the configured instances, in configuration order */
    LatestFacts(Map<String, InstanceSpec> instances, AgentMetrics metrics, Clock clock, ClusterFacts cluster) {
        this.cluster = cluster;
        this.instances = new LinkedHashMap<>(instances);
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Makes collected facts the latest of their instances: facts, status and collection metrics, at once. */
    Accepted accept(String runId, Map<String, InstanceCollection.Collected> collected) {
        // in a cluster, for the other agents' evaluations (outside the lock: a database write)
        collected.values().forEach(c -> cluster.share(c.facts()));
        return acceptLocally(runId, collected);
    }

    private synchronized Accepted acceptLocally(String runId, Map<String, InstanceCollection.Collected> collected) {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        Set<String> readable = new HashSet<>();
        collected.forEach((name, c) -> {
            facts.put(name, c.facts());
            Collection col = c.facts().collection();
            // up means the catalog was read: a collection that ran but could not see every section is not up
            boolean ok = c.facts().readCompletely();
            String failure = ok ? null : !col.succeeded()
                    ? col.failure() + (col.reason() == null ? "" : ": " + col.reason())
                    : "catalog read only partly: " + String.join("; ", c.facts().unreadSections());
            if (ok) {
                readable.add(name);
            } else {
                problems.add(name + ": " + failure);
            }
            metrics.recordCollection(name, ok, c.took(), now);
            InstanceStatus previous = statuses.get(name);
            statuses.put(name, new InstanceStatus(name, runId, now, ok, c.took().toNanos() / 1e9,
                    ok ? now : previous == null ? null : previous.lastSuccessAt(), failure));
        });
        return new Accepted(problems, readable);
    }

    /** In a cluster, each instance's newer of this agent's facts and those another agent stored. */
    Snapshot snapshot() {
        Map<String, InstanceFacts> local;
        synchronized (this) {
            local = new HashMap<>(facts);
        }
        ClusterFacts.Newest found = cluster.newest(instances.keySet(), local);
        Map<String, InstanceFacts> newest = found.facts();
        List<InstanceFacts> read = new ArrayList<>();
        List<FleetScope.Uncollected> notYet = new ArrayList<>();
        instances.forEach((name, spec) -> {
            InstanceFacts f = newest.get(name);
            if (f != null) {
                read.add(f);
            } else {
                notYet.add(NotCollectedYet.of(spec.target()));
            }
        });
        return new Snapshot(read, notYet, found.owns());
    }

    /** Status of every configured instance, in configuration order. */
    synchronized List<InstanceStatus> statuses() {
        List<InstanceStatus> out = new ArrayList<>();
        for (String name : instances.keySet()) {
            out.add(statuses.getOrDefault(name, new InstanceStatus(name, null, null, false, null, null, null)));
        }
        return out;
    }
}
