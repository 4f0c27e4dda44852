package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.topology.Topology;
import io.mirrorguard.rules.topology.Topology.Direction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every rule of one evaluation shares: the snapshot, the policy parameters, the topology, per-instance indexes
 * and the trust chains (each direction computed once). Not thread-safe; one per evaluation.
 *
 * <p>Instance views and trust chains are built on first use: an incremental evaluation judges a few subjects and
 * must not index the whole fleet. While the engine judges one subject it records what the rule reads through this
 * context ({@link Reads}); a rule therefore reads other instances, whole-fleet lists and hosts through these methods
 * (not through {@link #topology()}, which is for the subject's own place in the topology).
 */
public final class EvaluationContext {
    private final FleetSnapshot snapshot;
    private final PolicyParameters parameters;
    private final Topology topology;
    private final Map<String, InstanceFacts> factsByName;
    private final Map<String, InstanceView> views = new HashMap<>();
    private final Map<Direction, TrustChain> trust = new HashMap<>();
    private final FleetScope scope;
    private List<InstanceView> list;
    private List<UnreadPeers.Unread> unreadInSnapshot;
    private Reads.Recorder recorder;

    public EvaluationContext(FleetSnapshot snapshot, PolicyParameters parameters) {
        this(snapshot, parameters, FleetScope.snapshotOnly());
    }

    public EvaluationContext(FleetSnapshot snapshot, PolicyParameters parameters, FleetScope scope) {
        this(snapshot, parameters, scope, Topology.of(snapshot));
    }

    EvaluationContext(FleetSnapshot snapshot, PolicyParameters parameters, FleetScope scope, Topology topology) {
        this(snapshot, byName(snapshot), parameters, scope, topology);
    }

    /** @param facts {@link #byName} of the snapshot */
    EvaluationContext(FleetSnapshot snapshot, Map<String, InstanceFacts> facts, PolicyParameters parameters,
                      FleetScope scope, Topology topology) {
        this.snapshot = snapshot;
        this.scope = scope;
        this.parameters = parameters;
        this.factsByName = facts;
        this.topology = topology;
    }

    /** The snapshot's instances by name, in snapshot order; an instance name may appear once only. */
    static Map<String, InstanceFacts> byName(FleetSnapshot snapshot) {
        Map<String, InstanceFacts> facts = new LinkedHashMap<>();
        for (InstanceFacts f : snapshot.instances()) {
            if (facts.putIfAbsent(f.name(), f) != null) {
                throw new IllegalArgumentException("instance name '" + f.name() + "' appears twice in the snapshot");
            }
        }
        return java.util.Collections.unmodifiableMap(facts);
    }

    /** The whole snapshot: a rule that reads it depends on every instance. */
    public FleetSnapshot snapshot() {
        if (recorder != null) {
            recorder.wholeFleet();
        }
        return snapshot;
    }

    public PolicyParameters parameters() {
        return parameters;
    }

    public Topology topology() {
        return topology;
    }

    /** Every instance of the snapshot, in snapshot order: a rule that reads it depends on every instance. */
    public List<InstanceView> instances() {
        if (recorder != null) {
            recorder.wholeFleet();
        }
        if (list == null) {
            List<InstanceView> all = new ArrayList<>();
            for (String name : factsByName.keySet()) {
                all.add(view(name));
            }
            list = List.copyOf(all);
        }
        return list;
    }

    /** The fleet instances this snapshot carries no facts for (not selected, not collected yet). */
    public FleetScope scope() {
        return scope;
    }

    /** The facts of an instance in the snapshot, or null when it has none. */
    public InstanceFacts facts(String name) {
        if (recorder != null) {
            recorder.instance(name);
        }
        return factsByName.get(name);
    }

    /**
     * The instances that may be peers of {@code instance} although this evaluation cannot read their facts, each
     * with the reason; see {@link UnreadPeers}.
     */
    public List<String> unreadPossiblePeers(String instance) {
        if (recorder != null) {
            recorder.unreadPeers();
            recorder.instance(instance);
        }
        return UnreadPeers.of(this, unreadInSnapshot(), instance);
    }

    /**
     * The audited instances an address's host stands for (aliases, host or name), whatever its port; see
     * {@link Topology#instancesAtHost}. Any instance of the fleet may be at a host, so the answer is recorded.
     */
    public Set<String> instancesAtHost(String host) {
        Set<String> at = topology.instancesAtHost(host);
        if (recorder != null) {
            recorder.host(host, List.copyOf(at));
        }
        return at;
    }

    public InstanceView instance(String name) {
        if (recorder != null) {
            recorder.instance(name);
        }
        InstanceView v = view(name);
        if (v == null) {
            throw new IllegalArgumentException("no instance " + name);
        }
        return v;
    }

    /** Trust L <- R, computed on first use. */
    public TrustChain trust(Direction d) {
        if (recorder != null) {
            recorder.instance(d.trusting());
            recorder.instance(d.trusted());
        }
        TrustChain c = trust.get(d);
        if (c == null) {
            c = TrustChain.compute(d, existing(d.trusting()), existing(d.trusted()));
            trust.put(d, c);
        }
        return c;
    }

    public TrustChain trust(String trusting, String trusted) {
        return trust(new Direction(trusting, trusted));
    }

    /** The view of an instance (null when not in the snapshot), built on first use; not recorded. */
    InstanceView view(String name) {
        InstanceView v = views.get(name);
        if (v == null) {
            InstanceFacts f = factsByName.get(name);
            if (f == null) {
                return null;
            }
            v = new InstanceView(f);
            views.put(name, v);
        }
        return v;
    }

    private InstanceView existing(String name) {
        InstanceView v = view(name);
        if (v == null) {
            throw new IllegalArgumentException("no instance " + name);
        }
        return v;
    }

    /** The snapshot's unread instances, listed once per evaluation (scanning per instance made it quadratic). */
    List<UnreadPeers.Unread> unreadInSnapshot() {
        if (unreadInSnapshot == null) {
            unreadInSnapshot = UnreadPeers.inSnapshot(snapshot.instances());
        }
        return unreadInSnapshot;
    }

    /** Starts recording the reads of one subject whose own instances are {@code own}. */
    void startRecording(List<String> own) {
        recorder = new Reads.Recorder(own);
    }

    /** Stops recording; what the subject read beyond its own instances, null when nothing. */
    Reads stopRecording() {
        Reads r = recorder.done();
        recorder = null;
        return r;
    }
}
