package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.engine.hadr.HadrState;
import io.mirrorguard.simulator.engine.model.AvailabilityGroup;
import io.mirrorguard.simulator.engine.model.AvailabilityGroup.GroupDatabase;
import io.mirrorguard.simulator.engine.model.AvailabilityGroup.Replica;
import io.mirrorguard.simulator.engine.model.AvailabilityGroup.SeedingOperation;
import io.mirrorguard.simulator.engine.model.Database;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Automatic seeding (SEEDING_MODE = AUTOMATIC): over a connected link, the primary streams each database of the group
 * to a secondary that lacks it, and the secondary creates it only if the group was granted CREATE ANY DATABASE there
 * (ALTER AVAILABILITY GROUP ... GRANT CREATE ANY DATABASE). A distributed group seeds the forwarder the same way from
 * the global primary, the database then belonging to the forwarder's own group. The outcome of each attempt is kept on
 * the group, where sys.dm_hadr_automatic_seeding of the seeding source reads it.
 */
final class AutomaticSeeding {

    /** failure_state 21 (documented values of sys.dm_hadr_automatic_seeding): the target never answered the seeding check. */
    static final int CHECK_TIMEOUT = 21;
    static final String CHECK_TIMEOUT_DESC = "Seeding Check Message Timeout";
    /** failure_state 23: a database of that name already exists on the target. */
    static final int NAME_EXISTS = 23;
    static final String NAME_EXISTS_DESC = "Database with name already exists";

    private AutomaticSeeding() {}

    /** One seeding round over every group; true when a database was created (the fleet changed). */
    static boolean run(SimulatedFleet fleet, HadrState hadr) {
        boolean created = false;
        for (AvailabilityGroup g : hadr.groups()) {
            Optional<Replica> p = g.primaryReplica();
            Optional<SimulatedInstance> source = p.flatMap(x -> hadr.host(g, x));
            if (source.isEmpty()) continue;
            AvailabilityGroup databasesOf = g.distributed ? hadr.group(g.primary).orElse(null) : g;
            if (databasesOf == null) continue;
            for (Replica r : g.replicas.values()) {
                if (r == p.get() || !r.joined || r.seedingMode != 0 || r.availabilityMode == 4) continue;
                if (!hadr.link(g, r).connected()) continue;
                Optional<SimulatedInstance> target = hadr.host(g, r);
                if (target.isEmpty()) continue;
                AvailabilityGroup targetGroup = g.distributed ? hadr.group(r.serverName).orElse(null) : g;
                Replica targetReplica = targetGroup == null ? null : hadr.localReplica(targetGroup, target.get()).orElse(null);
                if (targetReplica == null) continue;
                for (GroupDatabase db : databasesOf.databases) {
                    Database primaryCopy = source.get().state.database(db.name()).orElse(null);
                    if (primaryCopy == null || !db.id().equals(primaryCopy.groupDatabaseId)) continue;
                    created |= seed(fleet, g, r, db, target.get(), targetGroup, targetReplica);
                }
            }
        }
        if (created) fleet.changed();
        return created;
    }

    private static boolean seed(SimulatedFleet fleet, AvailabilityGroup g, Replica r, GroupDatabase db,
                                SimulatedInstance target, AvailabilityGroup targetGroup, Replica targetReplica) {
        Database existing = target.state.database(db.name()).orElse(null);
        if (existing != null && existing.availabilityGroupId != null) return false;
        SeedingOperation last = g.seeding.stream()
            .filter(o -> o.databaseId().equals(db.id()) && o.remoteReplicaId().equals(r.id))
            .reduce((a, b) -> b).orElse(null);
        LocalDateTime now = fleet.utcNow();
        if (existing != null) {
            if (last == null || last.failureState() != NAME_EXISTS) {
                g.seeding.add(new SeedingOperation(UUID.randomUUID(), now, now, db.id(), r.id, "FAILED", NAME_EXISTS,
                    NAME_EXISTS_DESC, 1801, 1));
            }
            return false;
        }
        if (!targetReplica.mayCreateDatabases) {
            if (last == null || last.failureState() != CHECK_TIMEOUT) {
                g.seeding.add(new SeedingOperation(UUID.randomUUID(), now, now, db.id(), r.id, "FAILED", CHECK_TIMEOUT,
                    CHECK_TIMEOUT_DESC, 0, 1));
            }
            return false;
        }
        Database d = target.addDatabase(target.state.nextDatabaseId++, db.name(), "FULL", now, false);
        d.ownerSidLogin = 1;
        GroupDatabase joinedAs = db;
        if (targetGroup != g) {
            joinedAs = targetGroup.database(db.name()).orElseGet(() -> {
                GroupDatabase added = new GroupDatabase(UUID.randomUUID(), db.name());
                targetGroup.databases.add(added);
                return added;
            });
        }
        d.availabilityGroupId = targetGroup.id;
        d.groupDatabaseId = joinedAs.id();
        g.seeding.add(new SeedingOperation(UUID.randomUUID(), now, now, db.id(), r.id, "COMPLETED", 0, null, 0, 1));
        return true;
    }
}
