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
    private final FleetScope scope;
    private volatile List<UnreadPeers.Unread> unreadInSnapshot;

    public EvaluationContext(FleetSnapshot snapshot, PolicyParameters parameters) {
        this(snapshot, parameters, FleetScope.snapshotOnly());
    }

    public EvaluationContext(FleetSnapshot snapshot, PolicyParameters parameters, FleetScope scope) {
        this.snapshot = snapshot;
        this.scope = scope;
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

    /** The fleet instances this snapshot carries no facts for (not selected, not collected yet). */
    public FleetScope scope() {
        return scope;
    }

    /** The facts of an instance in the snapshot, or null when it has none. */
    public InstanceFacts facts(String name) {
        InstanceView v = views.get(name);
        return v == null ? null : v.facts();
    }

    /**
     * The instances that may be peers of {@code instance} although this evaluation cannot read their facts, each
     * with the reason; see {@link UnreadPeers}.
     */
    public List<String> unreadPossiblePeers(String instance) {
        List<UnreadPeers.Unread> unread = unreadInSnapshot;
        if (unread == null) {
            // once per evaluation: scanning the whole fleet per instance made evaluation quadratic in fleet size
            unread = UnreadPeers.inSnapshot(this);
            unreadInSnapshot = unread;
        }
        return UnreadPeers.of(this, unread, instance);
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
