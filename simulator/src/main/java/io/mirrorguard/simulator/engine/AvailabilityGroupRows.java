package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.engine.hadr.HadrState;
import io.mirrorguard.simulator.engine.model.AvailabilityGroup;
import io.mirrorguard.simulator.engine.model.AvailabilityGroup.GroupDatabase;
import io.mirrorguard.simulator.engine.model.AvailabilityGroup.Replica;
import io.mirrorguard.simulator.engine.model.AvailabilityGroup.SeedingOperation;
import io.mirrorguard.simulator.engine.model.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rows of the availability-group catalog views and DMVs for one instance. An instance shows the groups it hosts a
 * joined replica of. The catalog views need VIEW ANY DEFINITION (metadata visibility); the DMVs VIEW SERVER STATE,
 * checked where every DMV is. On a secondary, sys.dm_hadr_availability_replica_states shows only the local replica, as
 * documented; the primary shows every replica.
 */
final class AvailabilityGroupRows {

    private AvailabilityGroupRows() {}

    private static final String[] ROLE_DESC = {"RESOLVING", "PRIMARY", "SECONDARY"};
    private static final String[] SYNC_STATE_DESC = {"NOT SYNCHRONIZING", "SYNCHRONIZING", "SYNCHRONIZED", "REVERTING", "INITIALIZING"};
    private static final String[] HEALTH_DESC = {"NOT_HEALTHY", "PARTIALLY_HEALTHY", "HEALTHY"};

    static List<Map<String, Object>> rows(EngineSession s, String view, String viewer) {
        HadrState h = s.fleet().hadr();
        List<AvailabilityGroup> groups = h.hostedBy(s.instance());
        boolean metadataVisible = !viewer.startsWith("L");
        return switch (view) {
            case "sys.availability_groups" -> metadataVisible ? groups(groups) : List.of();
            case "sys.availability_replicas" -> metadataVisible ? replicas(s, h, groups) : List.of();
            case "sys.availability_databases_cluster" -> metadataVisible ? databases(groups) : List.of();
            case "sys.dm_hadr_availability_replica_states" -> replicaStates(s, h, groups);
            case "sys.dm_hadr_database_replica_states" -> databaseStates(s, h, groups);
            case "sys.dm_hadr_automatic_seeding" -> seeding(s, h, groups);
            default -> List.of();
        };
    }

    private static List<Map<String, Object>> groups(List<AvailabilityGroup> groups) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AvailabilityGroup g : groups) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("group_id", g.id);
            r.put("name", g.name);
            r.put("resource_id", g.clusterType == 0 ? g.id.toString() : null);
            r.put("resource_group_id", g.clusterType == 0 ? g.id.toString() : null);
            r.put("failure_condition_level", g.failureConditionLevel);
            r.put("health_check_timeout", g.healthCheckTimeout);
            r.put("automated_backup_preference", g.automatedBackupPreference);
            r.put("automated_backup_preference_desc", AvailabilityGroup.backupPreferenceDesc(g.automatedBackupPreference));
            r.put("version", 1);
            r.put("basic_features", g.basic);
            r.put("dtc_support", false);
            r.put("db_failover", g.dbFailover);
            r.put("is_distributed", g.distributed);
            r.put("cluster_type", g.clusterType);
            r.put("cluster_type_desc", AvailabilityGroup.clusterTypeDesc(g.clusterType).toLowerCase(java.util.Locale.ROOT));
            r.put("required_synchronized_secondaries_to_commit", g.requiredSynchronizedSecondariesToCommit);
            r.put("sequence_number", g.sequenceNumber);
            r.put("is_contained", g.contained);
            rows.add(r);
        }
        return rows;
    }

    private static List<Map<String, Object>> replicas(EngineSession s, HadrState h, List<AvailabilityGroup> groups) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AvailabilityGroup g : groups) {
            Optional<Replica> local = h.localReplica(g, s.instance());
            int metadataId = 65536;
            for (Replica x : g.replicas.values()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("replica_id", x.id);
                r.put("group_id", g.id);
                r.put("replica_metadata_id", local.map(l -> l == x).orElse(false) ? metadataId : null);
                r.put("replica_server_name", x.serverName);
                r.put("owner_sid", x.ownerSid);
                r.put("endpoint_url", x.endpointUrl);
                r.put("availability_mode", x.availabilityMode);
                r.put("availability_mode_desc", AvailabilityGroup.availabilityModeDesc(x.availabilityMode));
                r.put("failover_mode", x.failoverMode);
                r.put("failover_mode_desc", AvailabilityGroup.failoverModeDesc(x.failoverMode));
                r.put("session_timeout", x.sessionTimeout);
                r.put("primary_role_allow_connections", x.primaryAllowConnections);
                r.put("primary_role_allow_connections_desc", x.primaryAllowConnections == 3 ? "ALL" : "READ_WRITE");
                r.put("secondary_role_allow_connections", x.secondaryAllowConnections);
                r.put("secondary_role_allow_connections_desc", new String[] {"NO", "READ_ONLY", "ALL"}[x.secondaryAllowConnections]);
                r.put("create_date", x.createDate);
                r.put("modify_date", x.modifyDate);
                r.put("backup_priority", x.backupPriority);
                r.put("read_only_routing_url", x.readOnlyRoutingUrl);
                r.put("read_write_routing_url", null);
                r.put("seeding_mode", x.seedingMode);
                r.put("seeding_mode_desc", x.seedingMode == 0 ? "AUTOMATIC" : "MANUAL");
                rows.add(r);
            }
        }
        return rows;
    }

    private static List<Map<String, Object>> databases(List<AvailabilityGroup> groups) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AvailabilityGroup g : groups) {
            for (GroupDatabase d : g.databases) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("group_id", g.id);
                r.put("group_database_id", d.id());
                r.put("database_name", d.name());
                r.put("truncation_lsn", null);
                rows.add(r);
            }
        }
        return rows;
    }

    private static List<Map<String, Object>> replicaStates(EngineSession s, HadrState h, List<AvailabilityGroup> groups) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AvailabilityGroup g : groups) {
            Replica local = h.localReplica(g, s.instance()).orElseThrow();
            boolean primary = local.is(g.primary);
            if (!primary) {
                HadrState.LinkState link = h.link(g, local);
                rows.add(replicaState(g, local, true, 2, link.connected(), link.secondarySide()));
                continue;
            }
            for (Replica x : g.replicas.values()) {
                if (x == local) {
                    rows.add(replicaState(g, x, true, 1, true, null));
                } else {
                    HadrState.LinkState link = h.link(g, x);
                    rows.add(replicaState(g, x, false, link.connected() ? 2 : null, link.connected(), link.primarySide()));
                }
            }
        }
        return rows;
    }

    private static Map<String, Object> replicaState(AvailabilityGroup g, Replica x, boolean isLocal, Integer role,
                                                    boolean connected, HadrState.ConnectError error) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("replica_id", x.id);
        r.put("group_id", g.id);
        r.put("is_local", isLocal);
        r.put("role", role);
        r.put("role_desc", role == null ? null : ROLE_DESC[role]);
        r.put("operational_state", isLocal ? 2 : null);
        r.put("operational_state_desc", isLocal ? "ONLINE" : null);
        r.put("recovery_health", isLocal ? 1 : null);
        r.put("recovery_health_desc", isLocal ? "ONLINE" : null);
        int health = connected ? 2 : 0;
        r.put("synchronization_health", health);
        r.put("synchronization_health_desc", HEALTH_DESC[health]);
        r.put("connected_state", connected ? 1 : 0);
        r.put("connected_state_desc", connected ? "CONNECTED" : "DISCONNECTED");
        r.put("last_connect_error_number", error == null ? null : error.number());
        r.put("last_connect_error_description", error == null ? null : error.description());
        r.put("last_connect_error_timestamp", error == null ? null : error.timestamp());
        return r;
    }

    private static List<Map<String, Object>> databaseStates(EngineSession s, HadrState h, List<AvailabilityGroup> groups) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AvailabilityGroup g : groups) {
            if (g.distributed) continue;
            Replica local = h.localReplica(g, s.instance()).orElseThrow();
            boolean primary = local.is(g.primary);
            for (GroupDatabase gd : g.databases) {
                Optional<Database> mine = s.state().database(gd.name()).filter(d -> gd.id().equals(d.groupDatabaseId));
                if (mine.isEmpty()) continue;
                boolean up = primary || h.link(g, local).connected();
                rows.add(databaseState(g, local, gd, mine.get(), true, primary, up));
                if (!primary) continue;
                for (Replica x : g.replicas.values()) {
                    if (x == local) continue;
                    boolean joined = h.host(g, x).flatMap(i -> i.state.database(gd.name()))
                        .map(d -> gd.id().equals(d.groupDatabaseId)).orElse(false);
                    if (joined) rows.add(databaseState(g, x, gd, mine.get(), false, false, h.link(g, x).connected()));
                }
            }
        }
        return rows;
    }

    private static Map<String, Object> databaseState(AvailabilityGroup g, Replica x, GroupDatabase gd, Database d,
                                                     boolean isLocal, boolean isPrimary, boolean connected) {
        int state = !connected ? 0 : x.availabilityMode == 1 ? 2 : 1;
        int health = !connected ? 0 : 2;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("database_id", d.id);
        r.put("group_id", g.id);
        r.put("replica_id", x.id);
        r.put("group_database_id", gd.id());
        r.put("is_local", isLocal);
        r.put("is_primary_replica", isPrimary);
        r.put("synchronization_state", state);
        r.put("synchronization_state_desc", SYNC_STATE_DESC[state]);
        r.put("is_commit_participant", connected && x.availabilityMode == 1);
        r.put("synchronization_health", health);
        r.put("synchronization_health_desc", HEALTH_DESC[health]);
        r.put("database_state", isLocal ? 0 : null);
        r.put("database_state_desc", isLocal ? "ONLINE" : null);
        r.put("is_suspended", false);
        r.put("suspend_reason", null);
        r.put("suspend_reason_desc", null);
        return r;
    }

    /** Seeding attempts of the groups whose primary (for a distributed group: global primary) is this instance. */
    private static List<Map<String, Object>> seeding(EngineSession s, HadrState h, List<AvailabilityGroup> groups) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AvailabilityGroup g : groups) {
            if (!h.isPrimary(g, s.instance())) continue;
            for (SeedingOperation o : g.seeding) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("start_time", o.start());
                r.put("completion_time", o.completion());
                r.put("ag_id", g.id);
                r.put("ag_db_id", o.databaseId());
                r.put("ag_remote_replica_id", o.remoteReplicaId());
                r.put("operation_id", o.operationId());
                r.put("is_source", true);
                r.put("current_state", o.currentState());
                r.put("performed_seeding", !o.failed());
                r.put("failure_state", o.failed() ? o.failureState() : null);
                r.put("failure_state_desc", o.failureStateDesc());
                r.put("error_code", o.errorCode());
                r.put("number_of_attempts", o.attempts());
                rows.add(r);
            }
        }
        return rows;
    }
}
