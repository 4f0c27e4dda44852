package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.model.Target;
import io.mirrorguard.rules.topology.OutsideSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * The fleet instances an evaluation knows of but has no facts for: not selected ({@code audit --instance}), or not
 * collected yet (a daemon that just started). They are still instances of the fleet, and may be peers, so no rule may
 * judge a peer relation as absent only because their facts are missing.
 */
public record FleetScope(List<Uncollected> uncollected) {

    /** A configured instance without facts in the snapshot, and why (e.g. "not selected by --instance"). */
    public record Uncollected(Target target, String reason) {
        public String describe() {
            return target.name() + " (not collected: " + reason + ")";
        }
    }

    public FleetScope {
        uncollected = List.copyOf(uncollected);
    }

    /** The snapshot is the whole fleet. */
    public static FleetScope snapshotOnly() {
        return new FleetScope(List.of());
    }

    /**
     * The uncollected instance a reported partner/witness/replica reference stands for, if any: a TCP:// address, or
     * a server name as sys.database_mirroring_witnesses reports it.
     */
    public Optional<Uncollected> byReference(String reference) {
        if (uncollected.isEmpty() || reference == null) {
            return Optional.empty();
        }
        OutsideSnapshot outside = new OutsideSnapshot(uncollected.stream().map(Uncollected::target).toList());
        Optional<String> name = reference.regionMatches(true, 0, "TCP://", 0, 6)
                ? outside.resolveAddress(reference) : outside.resolveServerName(reference);
        return name.flatMap(n -> uncollected.stream().filter(u -> u.target().name().equals(n)).findFirst());
    }
}
