package io.mirrorguard.simulator.engine.model;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The configuration of one availability group as its replicas share it (the WSFC store, or for CLUSTER_TYPE EXTERNAL
 * and NONE the copy the primary pushes to every joined replica). For a distributed group the replicas are the member
 * availability groups: {@link Replica#serverName} is the member group's name and {@link Replica#endpointUrl} its
 * LISTENER_URL.
 */
public final class AvailabilityGroup {

    /** One replica (or, in a distributed group, one member group). */
    public static final class Replica {
        public final UUID id = UUID.randomUUID();
        public final String serverName;
        public String endpointUrl;
        /** 0 ASYNCHRONOUS_COMMIT, 1 SYNCHRONOUS_COMMIT, 4 CONFIGURATION_ONLY. */
        public int availabilityMode;
        /** 0 AUTOMATIC, 1 MANUAL, 2 EXTERNAL. */
        public int failoverMode;
        /** 0 AUTOMATIC, 1 MANUAL. */
        public int seedingMode = 1;
        /** 0 NO, 1 READ_ONLY, 2 ALL. */
        public int secondaryAllowConnections;
        /** 2 READ_WRITE, 3 ALL. */
        public int primaryAllowConnections = 3;
        public String readOnlyRoutingUrl;
        public int backupPriority = 50;
        public int sessionTimeout = 10;
        public final LocalDateTime createDate;
        public LocalDateTime modifyDate;
        public final byte[] ownerSid;
        /** The replica's instance ran CREATE or JOIN (for a member group: its primary did). */
        public boolean joined;
        /** ALTER AVAILABILITY GROUP ... GRANT CREATE ANY DATABASE ran on this replica (automatic seeding may create databases). */
        public boolean mayCreateDatabases;

        public Replica(String serverName, LocalDateTime created, byte[] ownerSid) {
            this.serverName = serverName;
            this.createDate = created;
            this.modifyDate = created;
            this.ownerSid = ownerSid;
        }

        public boolean is(String name) {
            return serverName.equalsIgnoreCase(name);
        }
    }

    /** A database of the group (sys.availability_databases_cluster). */
    public record GroupDatabase(UUID id, String name) {}

    /** One automatic seeding attempt, as the seeding source records it (sys.dm_hadr_automatic_seeding). */
    public record SeedingOperation(UUID operationId, LocalDateTime start, LocalDateTime completion, UUID databaseId,
                                   UUID remoteReplicaId, String currentState, int failureState, String failureStateDesc,
                                   int errorCode, int attempts) {
        public boolean failed() {
            return "FAILED".equals(currentState);
        }
    }

    public final UUID id = UUID.randomUUID();
    public final String name;
    /** 0 WSFC, 1 EXTERNAL, 2 NONE. */
    public final int clusterType;
    public final boolean distributed;
    public final boolean contained;
    public final boolean basic;
    public boolean dbFailover;
    public int failureConditionLevel = 3;
    public int healthCheckTimeout = 30000;
    /** 0 PRIMARY, 1 SECONDARY_ONLY, 2 SECONDARY, 3 NONE. */
    public int automatedBackupPreference = 2;
    public int requiredSynchronizedSecondariesToCommit;
    public long sequenceNumber = 1;
    public final Map<String, Replica> replicas = new LinkedHashMap<>();
    public final List<GroupDatabase> databases = new ArrayList<>();
    public final List<SeedingOperation> seeding = new ArrayList<>();
    /** The replica (server, or member group for a distributed group) in the primary role. */
    public String primary;
    /** Replicas whose JOIN named a cluster type: the check that it matches the group's happened at JOIN. */
    public final Set<String> joinedWithClusterType = new LinkedHashSet<>();

    public AvailabilityGroup(String name, int clusterType, boolean distributed, boolean contained, boolean basic) {
        this.name = name;
        this.clusterType = clusterType;
        this.distributed = distributed;
        this.contained = contained;
        this.basic = basic;
    }

    public static String key(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    public Optional<Replica> replica(String serverName) {
        return Optional.ofNullable(replicas.get(key(serverName)));
    }

    public Optional<Replica> replicaById(UUID replicaId) {
        return replicas.values().stream().filter(r -> r.id.equals(replicaId)).findFirst();
    }

    public Optional<Replica> primaryReplica() {
        return primary == null ? Optional.empty() : replica(primary);
    }

    public Optional<GroupDatabase> database(String dbName) {
        return databases.stream().filter(d -> d.name().equalsIgnoreCase(dbName)).findFirst();
    }

    public static String clusterTypeDesc(int t) {
        return switch (t) {
            case 0 -> "WSFC";
            case 1 -> "EXTERNAL";
            default -> "NONE";
        };
    }

    public static String availabilityModeDesc(int m) {
        return switch (m) {
            case 0 -> "ASYNCHRONOUS_COMMIT";
            case 1 -> "SYNCHRONOUS_COMMIT";
            default -> "CONFIGURATION_ONLY";
        };
    }

    public static String failoverModeDesc(int m) {
        return switch (m) {
            case 0 -> "AUTOMATIC";
            case 1 -> "MANUAL";
            default -> "EXTERNAL";
        };
    }

    public static String backupPreferenceDesc(int p) {
        return switch (p) {
            case 0 -> "PRIMARY";
            case 1 -> "SECONDARY_ONLY";
            case 2 -> "SECONDARY";
            default -> "NONE";
        };
    }
}
