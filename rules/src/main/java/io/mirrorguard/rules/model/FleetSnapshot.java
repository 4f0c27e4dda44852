package io.mirrorguard.rules.model;

import java.time.Instant;
import java.util.List;

/**
 * The facts of a whole fleet at one moment: what the rules evaluate. Round-trips to JSON (docs/snapshot-format.md).
 *
 * @param formatVersion snapshot format version, currently 1
 * @param takenAt       when the agent assembled the snapshot (agent clock; rules use each instance's own clock)
 */
public record FleetSnapshot(int formatVersion, Instant takenAt, List<InstanceFacts> instances,
                            List<DeclaredLink> declaredLinks) {

    public static final int FORMAT_VERSION = 1;

    public FleetSnapshot {
        instances = List.copyOf(instances);
        declaredLinks = declaredLinks == null ? List.of() : List.copyOf(declaredLinks);
    }
}
