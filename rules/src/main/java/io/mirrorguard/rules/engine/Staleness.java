package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.topology.Topology;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which verdicts of the previous evaluation still hold for a new snapshot, and the new snapshot's topology. A verdict
 * is stale when one of its subject's instances, or an instance it read, changed: its facts differ (or it appeared or
 * disappeared), or its place in the topology differs between the old and the new snapshot (a changed endpoint, name
 * or partner address of one instance changes the links of its peers, old and new, and of anyone whose address now
 * resolves to it). Verdicts that read the whole fleet are stale on any change, those that read the unread instances
 * when that list changed, those that asked about a host when the answer changed. Everything is stale without a
 * previous evaluation of this engine, or when the policy, the day waivers are judged on, the fleet scope or the
 * declared links changed.
 */
final class Staleness {
    private final boolean everything;
    private final Set<String> changed;
    private final boolean anyChange;
    private final boolean unreadChanged;
    private final Topology topology;
    private final List<UnreadPeers.Unread> unread;

    private Staleness(boolean everything, Set<String> changed, boolean anyChange, boolean unreadChanged,
                      Topology topology, List<UnreadPeers.Unread> unread) {
        this.everything = everything;
        this.changed = changed;
        this.anyChange = anyChange;
        this.unreadChanged = unreadChanged;
        this.topology = topology;
        this.unread = unread;
    }

    /** @param facts the snapshot's instances by name, in snapshot order */
    static Staleness since(EvaluationState previous, RuleEngine engine, FleetSnapshot snapshot,
                           Map<String, InstanceFacts> facts, Policy policy, LocalDate day, FleetScope scope) {
        List<UnreadPeers.Unread> unread = UnreadPeers.inSnapshot(snapshot.instances());
        if (previous == null || previous.engine() != engine || !previous.policy().equals(policy)
                || !previous.day().equals(day) || !previous.scope().equals(scope)
                || !previous.result().snapshot().declaredLinks().equals(snapshot.declaredLinks())) {
            return new Staleness(true, Set.of(), true, true, Topology.of(snapshot), unread);
        }
        Set<String> changed = new HashSet<>();
        Map<String, InstanceFacts> before = previous.facts();
        boolean topologyInputsChanged = false;
        for (Map.Entry<String, InstanceFacts> e : facts.entrySet()) {
            InstanceFacts old = before.get(e.getKey());
            // the same object is the common case (the daemon keeps unchanged facts); equal facts are unchanged too
            if (old != e.getValue() && (old == null || !old.equals(e.getValue()))) {
                changed.add(e.getKey());
                topologyInputsChanged |= old == null || !Topology.sameInputs(old, e.getValue());
            }
        }
        for (String name : before.keySet()) {
            if (!facts.containsKey(name)) {
                changed.add(name);
            }
        }
        // the topology is built from the instances in order: same order and inputs, same topology
        boolean reordered = !List.copyOf(before.keySet()).equals(List.copyOf(facts.keySet()));
        Topology old = previous.topology();
        Topology topology = old;
        if (reordered || topologyInputsChanged) {
            topology = Topology.of(snapshot);
            for (String name : facts.keySet()) {
                if (!changed.contains(name) && !topology.samePlace(old, name)) {
                    changed.add(name);
                }
            }
        }
        return new Staleness(false, changed, reordered || !changed.isEmpty(), !previous.unread().equals(unread),
                topology, unread);
    }

    /** The new snapshot's topology: the previous one when no instance changed anything it is built from. */
    Topology topology() {
        return topology;
    }

    /** The new snapshot's unread instances. */
    List<UnreadPeers.Unread> unread() {
        return unread;
    }

    /** Whether one of the subject's own instances changed. */
    boolean touches(List<String> own) {
        if (everything) {
            return true;
        }
        for (String o : own) {
            if (changed.contains(o)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the verdict must be judged again; {@code ownTouched} is {@link #touches} of its subject. */
    boolean stale(Verdict v, boolean ownTouched) {
        if (everything || ownTouched || v == null) {
            return true;
        }
        Reads r = v.reads();
        if (r == null) {
            return false;
        }
        if (r.wholeFleet() && anyChange || r.unreadPeers() && unreadChanged) {
            return true;
        }
        for (String i : r.instances()) {
            if (changed.contains(i)) {
                return true;
            }
        }
        for (Map.Entry<String, List<String>> h : r.hosts().entrySet()) {
            if (!List.copyOf(topology.instancesAtHost(h.getKey())).equals(h.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** Whether nothing of the previous evaluation can be reused. */
    boolean everything() {
        return everything;
    }
}
