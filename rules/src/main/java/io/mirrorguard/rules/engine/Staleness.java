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
 * Which verdicts of the previous evaluation still hold for a new snapshot. A verdict is stale when one of its
 * subject's instances, or an instance it read, changed: its facts differ (or it appeared or disappeared), or its
 * place in the topology differs between the old and the new snapshot (a changed endpoint, name or partner address
 * of one instance changes the links of its peers, old and new, and of anyone whose address now resolves to it).
 * Verdicts that read the whole fleet are stale on any change, those that read the unread instances when that list
 * changed, those that asked about a host when the answer changed. Everything is stale without a previous
 * evaluation of this engine, or when the policy, the day waivers are judged on, the fleet scope or the declared
 * links changed.
 */
final class Staleness {
    private final boolean everything;
    private final Set<String> changed;
    private final boolean anyChange;
    private final boolean unreadChanged;
    private final Topology topology;

    private Staleness(boolean everything, Set<String> changed, boolean anyChange, boolean unreadChanged,
                      Topology topology) {
        this.everything = everything;
        this.changed = changed;
        this.anyChange = anyChange;
        this.unreadChanged = unreadChanged;
        this.topology = topology;
    }

    static Staleness since(EvaluationState previous, RuleEngine engine, FleetSnapshot snapshot,
                           Map<String, InstanceFacts> facts, Topology topology, Policy policy, LocalDate day,
                           FleetScope scope, List<UnreadPeers.Unread> unread) {
        if (previous == null || previous.engine() != engine || !previous.policy().equals(policy)
                || !previous.day().equals(day) || !previous.scope().equals(scope)
                || !previous.result().snapshot().declaredLinks().equals(snapshot.declaredLinks())) {
            return new Staleness(true, Set.of(), true, true, topology);
        }
        Set<String> changed = new HashSet<>();
        Map<String, InstanceFacts> before = previous.facts();
        for (Map.Entry<String, InstanceFacts> e : facts.entrySet()) {
            InstanceFacts old = before.get(e.getKey());
            // the same object is the common case (the daemon keeps unchanged facts); equal facts are unchanged too
            if (old != e.getValue() && (old == null || !old.equals(e.getValue()))) {
                changed.add(e.getKey());
            }
        }
        for (String name : before.keySet()) {
            if (!facts.containsKey(name)) {
                changed.add(name);
            }
        }
        Topology old = previous.topology();
        for (String name : facts.keySet()) {
            if (!changed.contains(name) && !topology.samePlace(old, name)) {
                changed.add(name);
            }
        }
        // a reordered fleet changes what whole-fleet readers see first, though no instance changed
        boolean reordered = !List.copyOf(before.keySet()).equals(List.copyOf(facts.keySet()));
        return new Staleness(false, changed, reordered || !changed.isEmpty(),
                !previous.unread().equals(unread), topology);
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

    /** The instances judged changed (facts or place in the topology); everything when there was no basis. */
    Set<String> changed() {
        return changed;
    }

    boolean everything() {
        return everything;
    }

    static Map<String, InstanceFacts> byName(FleetSnapshot snapshot) {
        Map<String, InstanceFacts> m = new java.util.LinkedHashMap<>();
        for (InstanceFacts f : snapshot.instances()) {
            m.put(f.name(), f);
        }
        return m;
    }
}
