package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.model.Target;
import io.mirrorguard.rules.topology.OutsideSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fleet instances an evaluation knows of but has no facts for: not selected ({@code audit --instance}), or not
 * collected yet (a daemon that just started). They are still instances of the fleet, and may be peers, so no rule may
 * judge a peer relation as absent only because their facts are missing.
 *
 * <p>Equal scopes are those with the same uncollected instances. The address index over them is built once, on the
 * first lookup: a daemon that just started has most of its fleet uncollected, and every instance it has collected
 * looks its peers up here, so an index per lookup made each evaluation quadratic in the fleet.
 */
public final class FleetScope {

    /** A configured instance without facts in the snapshot, and why (e.g. "not selected by --instance"). */
    public record Uncollected(Target target, String reason) {
        public String describe() {
            return target.name() + " (not collected: " + reason + ")";
        }
    }

    private static final FleetScope SNAPSHOT_ONLY = new FleetScope(List.of());

    private final List<Uncollected> uncollected;
    private final List<String> described;
    /** Built on the first lookup; two threads racing may both build it, with the same result. */
    private volatile Index index;

    private record Index(OutsideSnapshot outside, Map<String, Uncollected> byName) {}

    public FleetScope(List<Uncollected> uncollected) {
        this.uncollected = List.copyOf(uncollected);
        this.described = this.uncollected.stream().map(Uncollected::describe).toList();
    }

    /** The snapshot is the whole fleet. */
    public static FleetScope snapshotOnly() {
        return SNAPSHOT_ONLY;
    }

    public List<Uncollected> uncollected() {
        return uncollected;
    }

    /**
     * The uncollected instance a reported partner/witness/replica reference stands for, if any: a TCP:// address, or
     * a server name as sys.database_mirroring_witnesses reports it.
     */
    public Optional<Uncollected> byReference(String reference) {
        if (uncollected.isEmpty() || reference == null) {
            return Optional.empty();
        }
        Index in = index();
        Optional<String> name = reference.regionMatches(true, 0, "TCP://", 0, 6)
                ? in.outside().resolveAddress(reference) : in.outside().resolveServerName(reference);
        return name.map(in.byName()::get);
    }

    /** Each uncollected instance as {@link Uncollected#describe()} words it, in order. */
    public List<String> described() {
        return described;
    }

    private Index index() {
        Index in = index;
        if (in == null) {
            Map<String, Uncollected> byName = new LinkedHashMap<>();
            // the first of equal names, as a scan of the list would find
            uncollected.forEach(u -> byName.putIfAbsent(u.target().name(), u));
            in = new Index(new OutsideSnapshot(uncollected.stream().map(Uncollected::target).toList()), byName);
            index = in;
        }
        return in;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FleetScope other && uncollected.equals(other.uncollected);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uncollected);
    }

    @Override
    public String toString() {
        return "FleetScope[uncollected=" + uncollected + "]";
    }
}
