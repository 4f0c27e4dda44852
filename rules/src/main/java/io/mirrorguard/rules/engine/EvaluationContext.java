package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.topology.Topology;
import io.mirrorguard.rules.topology.Topology.Direction;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every rule of one evaluation shares: the snapshot, the policy parameters, the topology, per-instance indexes
 * and the trust chains (each direction computed once). Not thread-safe; one per evaluation.
 */
public final class EvaluationContext {
    private final FleetSnapshot snapshot;
    private final PolicyParameters parameters;
    private final Topology topology;
    private final Map<String, InstanceView> views = new LinkedHashMap<>();
    private final Map<Direction, TrustChain> trust = new HashMap<>();
    private final List<InstanceView> list;

    public EvaluationContext(FleetSnapshot snapshot, PolicyParameters parameters) {
        this.snapshot = snapshot;
        this.parameters = parameters;
        for (InstanceFacts f : snapshot.instances()) {
            if (views.putIfAbsent(f.name(), new InstanceView(f)) != null) {
                throw new IllegalArgumentException("instance name '" + f.name() + "' appears twice in the snapshot");
            }
        }
        this.list = List.copyOf(views.values());
        this.topology = Topology.of(snapshot);
    }

    public FleetSnapshot snapshot() {
        return snapshot;
    }

    public PolicyParameters parameters() {
        return parameters;
    }

    public Topology topology() {
        return topology;
    }

    public List<InstanceView> instances() {
        return list;
    }

    public InstanceView instance(String name) {
        InstanceView v = views.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no instance " + name);
        }
        return v;
    }

    /** Trust L <- R, computed on first use. */
    public TrustChain trust(Direction d) {
        TrustChain c = trust.get(d);
        if (c == null) {
            c = TrustChain.compute(d, instance(d.trusting()), instance(d.trusted()));
            trust.put(d, c);
        }
        return c;
    }

    public TrustChain trust(String trusting, String trusted) {
        return trust(new Direction(trusting, trusted));
    }
}
