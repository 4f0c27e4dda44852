package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.api.SqlError;
import io.mirrorguard.simulator.engine.AvailabilityGroupDdl.CreateSpec;
import io.mirrorguard.simulator.engine.AvailabilityGroupDdl.ReplicaSpec;
import io.mirrorguard.simulator.engine.hadr.HadrState;
import io.mirrorguard.simulator.engine.mirroring.MirroringAddress;
import io.mirrorguard.simulator.engine.model.AvailabilityGroup;
import io.mirrorguard.simulator.engine.model.AvailabilityGroup.Replica;
import io.mirrorguard.simulator.engine.model.Database;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The work of the availability-group statements. Error numbers and texts are those of sys.messages (Database Engine
 * events and errors 31000-41399). Every statement runs in master, outside a user transaction.
 */
final class AvailabilityGroupOps {

    private AvailabilityGroupOps() {}

    static SqlError error(int number, int severity, String text) {
        return new SqlError(number, severity, 1, text);
    }

    static void common(EngineSession s, String statement) {
        if (s.tranCount() > 0) throw Errors.inUserTransaction(statement);
        if (!s.currentDb().name.equalsIgnoreCase("master")) {
            throw error(35208, 16, "Availability-group DDL operations are permitted only when you are using the master"
                + " database. Run the USE MASTER command, and retry your availability-group DDL command.");
        }
    }

    /** ALTER / DROP need ALTER on the group, ALTER ANY AVAILABILITY GROUP or CONTROL SERVER (sysadmin has them all). */
    static AvailabilityGroup hosted(EngineSession s, String name, String verb) {
        HadrState h = s.fleet().hadr();
        Optional<AvailabilityGroup> g = h.group(name).filter(x -> h.localReplica(x, s.instance()).isPresent());
        if (g.isEmpty() || !(s.isSysadmin() || s.hasServer("ALAG") || s.hasServer("CL"))) {
            throw Errors.cannot(verb, "availability group", name);
        }
        return g.get();
    }

    static Replica local(EngineSession s, AvailabilityGroup g) {
        return s.fleet().hadr().localReplica(g, s.instance()).orElseThrow(() -> Errors.cannot("alter", "availability group", g.name));
    }

    static void requirePrimary(EngineSession s, String name) {
        common(s, "ALTER AVAILABILITY GROUP");
        AvailabilityGroup g = hosted(s, name, "alter");
        requirePrimary(s, g);
    }

    static void requirePrimary(EngineSession s, AvailabilityGroup g) {
        Replica r = local(s, g);
        if (!r.joined || !r.is(g.primary)) {
            throw error(41140, 16, "Availability group '" + g.name + "' cannot process the ALTER AVAILABILITY GROUP command,"
                + " because the local availability replica is not the primary replica. Connect to the server instance that"
                + " is currently hosting the primary replica of this availability group, and rerun the command.");
        }
    }

    static void create(EngineSession s, CreateSpec spec) {
        common(s, "CREATE AVAILABILITY GROUP");
        if (!s.isSysadmin() || !(s.hasServer("CRAC") || s.hasServer("ALAG") || s.hasServer("CL"))) {
            throw Errors.noPermissionAction();
        }
        HadrState h = s.fleet().hadr();
        if (h.group(spec.name()).isPresent()) {
            throw error(41114, 16, "Cannot create an availability group named '" + spec.name()
                + "' because it already exists in a system table.");
        }
        Map<String, String> o = spec.options();
        int clusterType = switch (o.getOrDefault("CLUSTER_TYPE", "WSFC")) {
            case "WSFC" -> 0;
            case "EXTERNAL" -> 1;
            default -> 2;
        };
        AvailabilityGroup g = new AvailabilityGroup(spec.name(), clusterType, spec.distributed(), o.containsKey("CONTAINED"),
            o.containsKey("BASIC"));
        g.dbFailover = "ON".equals(o.get("DB_FAILOVER"));
        if (o.containsKey("FAILURE_CONDITION_LEVEL")) g.failureConditionLevel = Integer.parseInt(o.get("FAILURE_CONDITION_LEVEL"));
        if (o.containsKey("HEALTH_CHECK_TIMEOUT")) g.healthCheckTimeout = Integer.parseInt(o.get("HEALTH_CHECK_TIMEOUT"));
        if (o.containsKey("AUTOMATED_BACKUP_PREFERENCE")) {
            g.automatedBackupPreference = List.of("PRIMARY", "SECONDARY_ONLY", "SECONDARY", "NONE").indexOf(o.get("AUTOMATED_BACKUP_PREFERENCE"));
        }
        if (o.containsKey("REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT")) {
            g.requiredSynchronizedSecondariesToCommit = Integer.parseInt(o.get("REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT"));
        }
        Set<String> seen = new HashSet<>();
        for (ReplicaSpec r : spec.replicas()) {
            if (!seen.add(AvailabilityGroup.key(r.name()))) {
                throw error(35235, 16, "The system name '" + r.name() + "' was specified more than once in the REPLICA ON"
                    + " clause of this command. Reenter the command, specifying a different instance of SQL Server for each replica.");
            }
            g.replicas.put(AvailabilityGroup.key(r.name()), newReplica(s, g, r, "CREATE AVAILABILITY GROUP"));
        }
        if (spec.distributed()) {
            createDistributed(s, h, g);
            return;
        }
        Replica mine = g.replica(s.instance().name()).orElseThrow(() -> error(35237, 16, "None of the specified replicas for"
            + " availability group " + g.name + " maps to the instance of SQL Server to which you are connected. Reenter the"
            + " command, specifying this server instance to host one of the replicas. This replica will be the initial"
            + " primary replica."));
        Set<String> dbs = new HashSet<>();
        for (String db : spec.databases()) {
            if (!dbs.add(db.toLowerCase(Locale.ROOT))) {
                throw error(35234, 16, "Database name '" + db + "' was specified more than once. Reenter the command,"
                    + " specifying each database name only once.");
            }
            AvailabilityDatabaseOps.eligible(s, g, db);
        }
        mine.joined = true;
        g.primary = mine.serverName;
        for (String db : spec.databases()) AvailabilityDatabaseOps.join(s, g, db);
        h.add(g);
        s.fleet().changed();
    }

    /** The local member group must be one this instance is the primary of; it becomes the primary member. */
    private static void createDistributed(EngineSession s, HadrState h, AvailabilityGroup dag) {
        for (Replica member : dag.replicas.values()) {
            Optional<AvailabilityGroup> m = h.group(member.serverName);
            if (m.isPresent() && h.isPrimary(m.get(), s.instance())) {
                member.joined = true;
                dag.primary = member.serverName;
                h.add(dag);
                s.fleet().changed();
                return;
            }
        }
        throw error(35237, 16, "None of the specified replicas for availability group " + dag.name + " maps to the instance"
            + " of SQL Server to which you are connected. Reenter the command, specifying this server instance to host one"
            + " of the replicas. This replica will be the initial primary replica.");
    }

    private static Replica newReplica(EngineSession s, AvailabilityGroup g, ReplicaSpec spec, String operation) {
        Map<String, String> o = spec.options();
        Replica r = new Replica(spec.name(), s.now(), s.login().sid);
        String urlKey = g.distributed ? "LISTENER_URL" : "ENDPOINT_URL";
        if (!o.containsKey(urlKey)) {
            throw error(35236, 15, "The endpoint URL was not specified for the availability replica hosted by server instance '"
                + spec.name() + "'. Reenter the command, specifying the endpoint URL of this instance of SQL Server.");
        }
        if (!o.containsKey("AVAILABILITY_MODE")) {
            throw error(41198, 15, "The AVAILABILITY_MODE option has not been specified for the replica '" + spec.name()
                + "'. Reenter the command, specifying an availability mode for the replica.");
        }
        if (!o.containsKey("FAILOVER_MODE")) {
            throw error(41197, 15, "The FAILOVER_MODE option has not been specified for the replica '" + spec.name()
                + "'. Reenter the command, specifying a failover mode for the replica.");
        }
        r.seedingMode = 1;
        apply(g, r, o, operation);
        return r;
    }

    /** Applies replica options (CREATE, ADD REPLICA and MODIFY REPLICA share them). */
    private static void apply(AvailabilityGroup g, Replica r, Map<String, String> o, String operation) {
        String url = o.getOrDefault("ENDPOINT_URL", o.get("LISTENER_URL"));
        if (url != null) {
            if (MirroringAddress.parse(url).isEmpty()) {
                throw error(35232, 16, "The specified endpoint URL '" + url + "' is invalid. Reenter the command specifying the"
                    + " correct URL. For information about specifying the endpoint URL for an availability replica, see SQL"
                    + " Server Books Online.");
            }
            r.endpointUrl = url;
        }
        int availability = o.containsKey("AVAILABILITY_MODE")
            ? List.of("ASYNCHRONOUS_COMMIT", "SYNCHRONOUS_COMMIT").indexOf(o.get("AVAILABILITY_MODE")) : r.availabilityMode;
        if (availability < 0) availability = 4;
        int failover = o.containsKey("FAILOVER_MODE")
            ? List.of("AUTOMATIC", "MANUAL", "EXTERNAL").indexOf(o.get("FAILOVER_MODE")) : r.failoverMode;
        if (availability == 0 && failover == 0) {
            throw error(35211, 16, "The " + operation + " operation is not allowed. The operation attempted to change the"
                + " configuration of availability replica '" + r.serverName + "' to the asynchronous-commit availability"
                + " mode with automatic failover, which is an invalid configuration. Either change the failover mode to"
                + " manual or the availability mode to synchronous commit, and retry the operation.");
        }
        r.availabilityMode = availability;
        r.failoverMode = failover;
        if (o.containsKey("SEEDING_MODE")) r.seedingMode = o.get("SEEDING_MODE").equals("AUTOMATIC") ? 0 : 1;
        if (o.containsKey("BACKUP_PRIORITY")) {
            int p = Integer.parseInt(o.get("BACKUP_PRIORITY"));
            if (p < 0 || p > 100) {
                throw error(35209, 16, "The " + operation + " operation failed for availability replica '" + r.serverName
                    + "', because the backup priority value is outside the valid range. The valid range is between 0 and"
                    + " 100, inclusive. Set the backup priority to a value within this range, and retry the operation.");
            }
            r.backupPriority = p;
        }
        if (o.containsKey("SESSION_TIMEOUT")) {
            int t = Integer.parseInt(o.get("SESSION_TIMEOUT"));
            if (t < 5) {
                throw error(35214, 16, "The " + operation + " operation failed for availability replica '" + r.serverName
                    + "'. The minimum value for session timeout is 5. Retry the operation specifying a valid session-timeout value.");
            }
            r.sessionTimeout = t;
        }
        if (o.containsKey("SECONDARY_ROLE.ALLOW_CONNECTIONS")) {
            r.secondaryAllowConnections = List.of("NO", "READ_ONLY", "ALL").indexOf(o.get("SECONDARY_ROLE.ALLOW_CONNECTIONS"));
        }
        if (o.containsKey("SECONDARY_ROLE.READ_ONLY_ROUTING_URL")) r.readOnlyRoutingUrl = o.get("SECONDARY_ROLE.READ_ONLY_ROUTING_URL");
        if (o.containsKey("PRIMARY_ROLE.ALLOW_CONNECTIONS")) {
            r.primaryAllowConnections = o.get("PRIMARY_ROLE.ALLOW_CONNECTIONS").equals("ALL") ? 3 : 2;
        }
    }

    static void addReplicas(EngineSession s, String name, List<ReplicaSpec> specs) {
        common(s, "ALTER AVAILABILITY GROUP");
        AvailabilityGroup g = hosted(s, name, "alter");
        requirePrimary(s, g);
        for (ReplicaSpec spec : specs) {
            if (g.replica(spec.name()).isPresent()) {
                throw error(35282, 16, "Availability replica '" + spec.name() + "' cannot be added to availability group '"
                    + g.name + "'. The availability group already contains an availability replica with the specified name."
                    + " Verify that the availability replica name and the availability group name are correct, then retry the operation.");
            }
        }
        for (ReplicaSpec spec : specs) {
            g.replicas.put(AvailabilityGroup.key(spec.name()), newReplica(s, g, spec, "ALTER AVAILABILITY GROUP"));
        }
        g.sequenceNumber++;
        s.fleet().changed();
    }

    static void removeReplica(EngineSession s, String name, String server) {
        common(s, "ALTER AVAILABILITY GROUP");
        AvailabilityGroup g = hosted(s, name, "alter");
        requirePrimary(s, g);
        Replica r = g.replica(server).orElseThrow(() -> error(35283, 16, "Availability replica '" + server + "' cannot be"
            + " removed from availability group '" + g.name + "'. The availability group does not contain an availability"
            + " replica with the specified name. Verify that the availability replica name is correct, then retry the operation."));
        if (r.is(g.primary)) {
            throw error(35284, 16, "Availability replica '" + r.serverName + "' cannot be removed from availability group '"
                + g.name + "', because this replica is on the local instance of SQL Server. If the local availability replica"
                + " is a secondary replica, connect to the server instance that is currently hosting the primary replica, and"
                + " re-run the command.");
        }
        s.fleet().hadr().host(g, r).ifPresent(i -> AvailabilityDatabaseOps.unjoinDatabases(i, g));
        g.replicas.remove(AvailabilityGroup.key(r.serverName));
        g.sequenceNumber++;
        s.fleet().changed();
    }

    static void modifyReplicas(EngineSession s, String name, List<ReplicaSpec> specs) {
        common(s, "ALTER AVAILABILITY GROUP");
        AvailabilityGroup g = hosted(s, name, "alter");
        requirePrimary(s, g);
        for (ReplicaSpec spec : specs) {
            Replica r = g.replica(spec.name()).orElseThrow(() -> error(35210, 16, "Failed to modify options for availability"
                + " replica '" + spec.name() + "' in availability group '" + g.name + "'. The specified availability group does"
                + " not contain an availability replica with specified name. Verify that availability group name and"
                + " availability replica name are correct, then retry the operation."));
            apply(g, r, spec.options(), "ALTER AVAILABILITY GROUP");
            r.modifyDate = s.now();
        }
        g.sequenceNumber++;
        s.fleet().changed();
    }

    static void set(EngineSession s, String name, Map<String, String> options) {
        common(s, "ALTER AVAILABILITY GROUP");
        AvailabilityGroup g = hosted(s, name, "alter");
        requirePrimary(s, g);
        if (options.containsKey("DB_FAILOVER")) g.dbFailover = options.get("DB_FAILOVER").equals("ON");
        if (options.containsKey("FAILURE_CONDITION_LEVEL")) g.failureConditionLevel = Integer.parseInt(options.get("FAILURE_CONDITION_LEVEL"));
        if (options.containsKey("HEALTH_CHECK_TIMEOUT")) g.healthCheckTimeout = Integer.parseInt(options.get("HEALTH_CHECK_TIMEOUT"));
        if (options.containsKey("REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT")) {
            g.requiredSynchronizedSecondariesToCommit = Integer.parseInt(options.get("REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT"));
        }
        g.sequenceNumber++;
        s.fleet().changed();
    }

    /**
     * JOIN on a secondary: the group must list this instance. The configuration then reaches the replica over its link
     * to the primary; whether that link connects is the live state's business, not the JOIN's.
     */
    static void join(EngineSession s, String name, String clusterType) {
        common(s, "ALTER AVAILABILITY GROUP");
        if (!(s.isSysadmin() || s.hasServer("ALAG") || s.hasServer("CL"))) throw Errors.cannot("alter", "availability group", name);
        HadrState h = s.fleet().hadr();
        AvailabilityGroup g = h.group(name).filter(x -> !x.distributed)
            .orElseThrow(() -> Errors.cannot("alter", "availability group", name));
        Replica r = g.replica(s.instance().name()).orElseThrow(() -> joinFailed(g, 41167));
        if (!AvailabilityGroup.clusterTypeDesc(g.clusterType).equals(clusterType)) throw joinFailed(g, 41136);
        r.joined = true;
        s.fleet().changed();
    }

    private static SqlError joinFailed(AvailabilityGroup g, int cause) {
        return error(41158, 16, "Failed to join local availability replica to availability group '" + g.name + "'. The"
            + " operation encountered SQL Server error " + cause + " and has been rolled back. Check the SQL Server error log"
            + " for more details. When the cause of the error has been resolved, retry the ALTER AVAILABILITY GROUP JOIN command.");
    }

    /** JOIN AVAILABILITY GROUP ON on the forwarder: this instance is the primary of one of the two member groups. */
    static void joinDistributed(EngineSession s, String name, List<ReplicaSpec> specs) {
        common(s, "ALTER AVAILABILITY GROUP");
        if (!(s.isSysadmin() || s.hasServer("ALAG") || s.hasServer("CL"))) throw Errors.cannot("alter", "availability group", name);
        HadrState h = s.fleet().hadr();
        AvailabilityGroup dag = h.group(name).filter(x -> x.distributed)
            .orElseThrow(() -> Errors.cannot("alter", "availability group", name));
        for (ReplicaSpec spec : specs) {
            Replica member = dag.replica(spec.name()).orElseThrow(() -> joinFailed(dag, 41167));
            Optional<AvailabilityGroup> m = h.group(member.serverName);
            if (m.isPresent() && h.isPrimary(m.get(), s.instance()) && !member.is(dag.primary)) {
                member.joined = true;
                s.fleet().changed();
                return;
            }
        }
        throw joinFailed(dag, 41167);
    }

    static void grantCreateAnyDatabase(EngineSession s, String name, boolean grant) {
        common(s, "ALTER AVAILABILITY GROUP");
        AvailabilityGroup g = hosted(s, name, "alter");
        Replica r = local(s, g);
        if (!r.joined) throw Errors.cannot("alter", "availability group", name);
        r.mayCreateDatabases = grant;
        s.fleet().changed();
    }

    /**
     * FAILOVER (planned, no data loss) needs a synchronous-commit secondary that is connected and has joined every
     * database; FORCE_FAILOVER_ALLOW_DATA_LOSS only a joined secondary.
     */
    static void failover(EngineSession s, String name, boolean force) {
        common(s, "ALTER AVAILABILITY GROUP");
        AvailabilityGroup g = hosted(s, name, "alter");
        Replica r = local(s, g);
        HadrState h = s.fleet().hadr();
        if (r.is(g.primary)) {
            throw error(41122, 16, "Cannot failover availability group '" + g.name + "' to this instance of SQL Server. The"
                + " local availability replica is already the primary replica of the availability group. To failover this"
                + " availability group to another instance of SQL Server, run the failover command on that instance of SQL"
                + " Server. If local instance of SQL Server is intended to host the primary replica of the availability"
                + " group, then no action is required.");
        }
        boolean ready = r.joined && r.availabilityMode == 1 && h.link(g, r).connected()
            && g.databases.stream().allMatch(d -> s.state().database(d.name()).map(x -> d.id().equals(x.groupDatabaseId)).orElse(false));
        if (!r.joined || !force && !ready) {
            throw error(41142, 16, "The availability replica for availability group '" + g.name + "' on this instance of SQL"
                + " Server cannot become the primary replica. One or more databases are not synchronized or have not joined the"
                + " availability group. If the availability replica uses the asynchronous-commit mode, consider performing a"
                + " forced manual failover (with possible data loss). Otherwise, once all local secondary databases are joined"
                + " and synchronized, you can perform a planned manual failover to this secondary replica (without data loss)."
                + " For more information, see SQL Server Books Online.");
        }
        g.primary = r.serverName;
        g.sequenceNumber++;
        s.fleet().changed();
    }

    /** DROP on the primary removes the group everywhere; on a secondary only the local replica leaves it. */
    static void drop(EngineSession s, String name) {
        common(s, "DROP AVAILABILITY GROUP");
        AvailabilityGroup g = hosted(s, name, "drop");
        HadrState h = s.fleet().hadr();
        Replica r = local(s, g);
        if (r.is(g.primary) || g.distributed) {
            for (Replica x : g.replicas.values()) h.host(g, x).ifPresent(i -> AvailabilityDatabaseOps.unjoinDatabases(i, g));
            h.remove(g);
        } else {
            AvailabilityDatabaseOps.unjoinDatabases(s.instance(), g);
            r.joined = false;
        }
        s.fleet().changed();
    }

}
