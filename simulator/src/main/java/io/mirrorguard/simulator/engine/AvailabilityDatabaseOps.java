package io.mirrorguard.simulator.engine;

import static io.mirrorguard.simulator.engine.AvailabilityGroupOps.common;
import static io.mirrorguard.simulator.engine.AvailabilityGroupOps.error;
import static io.mirrorguard.simulator.engine.AvailabilityGroupOps.hosted;
import static io.mirrorguard.simulator.engine.AvailabilityGroupOps.local;
import static io.mirrorguard.simulator.engine.AvailabilityGroupOps.requirePrimary;

import io.mirrorguard.simulator.api.SqlError;
import io.mirrorguard.simulator.engine.hadr.HadrState;
import io.mirrorguard.simulator.engine.model.AvailabilityGroup;
import io.mirrorguard.simulator.engine.model.AvailabilityGroup.GroupDatabase;
import io.mirrorguard.simulator.engine.model.AvailabilityGroup.Replica;
import io.mirrorguard.simulator.engine.model.Database;
import java.util.List;
import java.util.UUID;

/**
 * The databases of availability groups: which local databases may join (CREATE ... FOR DATABASE, ADD DATABASE), leaving
 * (REMOVE DATABASE), and a secondary's own copy joining or leaving by ALTER DATABASE ... SET HADR (manual seeding).
 */
final class AvailabilityDatabaseOps {

    private AvailabilityDatabaseOps() {}

    /** Whether a local database may join: it exists, is a user database, in FULL recovery, and in no other group. */
    static Database eligible(EngineSession s, AvailabilityGroup g, String name) {
        Database d = s.state().database(name).orElseThrow(() -> error(35238, 16, "Database '" + name + "' cannot be added to"
            + " availability group '" + g.name + "'. The database does not exist on this SQL Server instance. Verify that the"
            + " database name is correct, then retry the operation."));
        if (d.id <= 4) {
            throw error(35249, 16, "An attempt to add or join a system database, '" + d.name + "', to an availability group"
                + " failed. Specify only user databases for this operation.");
        }
        if (d.availabilityGroupId != null) {
            if (d.availabilityGroupId.equals(g.id)) {
                throw error(35280, 16, "Database '" + d.name + "' cannot be added to availability group '" + g.name + "'. The"
                    + " database is already joined to the specified availability group. Verify that the database name is"
                    + " correct and that the database is not joined to an availability group, then retry the operation.");
            }
            throw error(35244, 16, "Database '" + d.name + "' cannot be added to availability group '" + g.name + "'. The"
                + " database is currently joined to another availability group. Verify that the database name is correct and"
                + " that the database is not joined to an availability group, then retry the operation.");
        }
        if (!"FULL".equals(d.recoveryModel)) {
            throw error(1465, 16, "Database \"" + d.name + "\" database is not in full recovery mode on each of the server"
                + " instances. The full recovery model is required for a database to participate in database mirroring or in"
                + " an availability group.");
        }
        if (d.mirroring != null) throw Errors.mirroringInvolved(d.name);
        return d;
    }

    static void join(EngineSession s, AvailabilityGroup g, String name) {
        Database d = s.state().database(name).orElseThrow();
        GroupDatabase gd = new GroupDatabase(UUID.randomUUID(), d.name);
        g.databases.add(gd);
        d.availabilityGroupId = g.id;
        d.groupDatabaseId = gd.id();
    }

    static void addDatabases(EngineSession s, String name, List<String> dbs) {
        common(s, "ALTER AVAILABILITY GROUP");
        AvailabilityGroup g = hosted(s, name, "alter");
        requirePrimary(s, g);
        for (String db : dbs) eligible(s, g, db);
        for (String db : dbs) join(s, g, db);
        g.sequenceNumber++;
        s.fleet().changed();
    }

    static void removeDatabase(EngineSession s, String name, String db) {
        common(s, "ALTER AVAILABILITY GROUP");
        AvailabilityGroup g = hosted(s, name, "alter");
        requirePrimary(s, g);
        GroupDatabase gd = g.database(db).orElseThrow(() -> error(41133, 10, "Cannot remove database '" + db + "' from"
            + " availability group '" + g.name + "'. Either the database does not belong to the availability group, or the"
            + " database has not joined the group. Verify the database and availability group names, and retry the command."));
        g.databases.remove(gd);
        for (SimulatedInstance i : s.fleet().instances()) {
            i.state.database(gd.name()).filter(d -> gd.id().equals(d.groupDatabaseId)).ifPresent(d -> {
                d.availabilityGroupId = null;
                d.groupDatabaseId = null;
                if (i != s.instance()) d.state = "RESTORING";
            });
        }
        s.fleet().changed();
    }

    static void unjoinDatabases(SimulatedInstance i, AvailabilityGroup g) {
        for (Database d : i.state.databases.values()) {
            if (g.id.equals(d.availabilityGroupId)) {
                d.availabilityGroupId = null;
                d.groupDatabaseId = null;
            }
        }
    }

    /** ALTER DATABASE ... SET HADR AVAILABILITY GROUP = ag on a secondary: its restored copy joins (manual seeding). */
    static void joinDatabase(EngineSession s, Database d, String name) {
        if (s.tranCount() > 0) throw Errors.alterDbInTransaction();
        HadrState h = s.fleet().hadr();
        AvailabilityGroup g = h.group(name).filter(x -> h.localReplica(x, s.instance()).map(r -> r.joined).orElse(false))
            .orElseThrow(() -> Errors.cannot("alter", "availability group", name));
        Replica local = local(s, g);
        if (local.is(g.primary)) throw primaryOnly(d, g);
        GroupDatabase gd = g.database(d.name).orElseThrow(() -> error(41132, 16, "Cannot join database '" + d.name
            + "' to availability group '" + g.name + "'. The specified database does not belong to the availability group."
            + " Verify the names of the database and the availability group, and retry the command specifying the correct names."));
        if (gd.id().equals(d.groupDatabaseId)) return;
        if (d.availabilityGroupId != null) {
            throw error(35259, 16, "Database '" + d.name + "' is already participating in a different availability group.");
        }
        if (!h.link(g, local).connected()) {
            throw error(35250, 16, "The connection to the primary replica is not active.  The command cannot be processed.");
        }
        d.availabilityGroupId = g.id;
        d.groupDatabaseId = gd.id();
        d.state = "ONLINE";
        s.fleet().changed();
    }

    /** SET HADR OFF on a secondary: its copy leaves the group and is left RESTORING. */
    static void leaveDatabase(EngineSession s, Database d) {
        if (s.tranCount() > 0) throw Errors.alterDbInTransaction();
        AvailabilityGroup g = joinedGroup(s, d);
        if (s.fleet().hadr().isPrimary(g, s.instance())) throw primaryOnly(d, g);
        d.availabilityGroupId = null;
        d.groupDatabaseId = null;
        d.state = "RESTORING";
        s.fleet().changed();
    }

    /** SET HADR SUSPEND / RESUME: data movement is not simulated, but the database must have joined a group. */
    static void requireJoined(EngineSession s, Database d) {
        joinedGroup(s, d);
    }

    private static AvailabilityGroup joinedGroup(EngineSession s, Database d) {
        return s.fleet().hadr().groups().stream().filter(g -> g.id.equals(d.availabilityGroupId)).findFirst()
            .orElseThrow(() -> error(35242, 16, "Cannot complete this ALTER DATABASE <database-name> SET HADR operation on"
                + " database '" + d.name + "'. The database is not joined to an availability group. After the database has"
                + " joined the availability group, retry the command."));
    }

    private static SqlError primaryOnly(Database d, AvailabilityGroup g) {
        return error(35240, 16, "Database '" + d.name + "' cannot be joined to or unjoined from availability group '" + g.name
            + "'. This operation is not supported on the primary replica of the availability group.");
    }
}
