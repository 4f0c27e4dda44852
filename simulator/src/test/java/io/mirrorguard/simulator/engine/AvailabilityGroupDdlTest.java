package io.mirrorguard.simulator.engine;

import static io.mirrorguard.simulator.engine.EngineTestSupport.firstError;
import static io.mirrorguard.simulator.engine.EngineTestSupport.inbound;
import static io.mirrorguard.simulator.engine.EngineTestSupport.ok;
import static io.mirrorguard.simulator.engine.EngineTestSupport.outbound;
import static io.mirrorguard.simulator.engine.EngineTestSupport.rows;
import static io.mirrorguard.simulator.engine.EngineTestSupport.run;
import static io.mirrorguard.simulator.engine.EngineTestSupport.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.simulator.api.SqlSession;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented grammar of the availability-group statements, and manual seeding (SET HADR). */
class AvailabilityGroupDdlTest {

    @TempDir
    Path files;
    SimulatedFleet fleet;
    SqlSession p;
    SqlSession s;

    static String replica(String host, String extra) {
        return "N'" + host + "' WITH (ENDPOINT_URL = N'TCP://" + host + ".corp.example:5022', AVAILABILITY_MODE = SYNCHRONOUS_COMMIT,"
            + " FAILOVER_MODE = MANUAL" + extra + ")";
    }

    @BeforeEach
    void setUp() {
        fleet = EngineTestSupport.fleet(files);
        p = fleet.instance("PRI").adminSession();
        s = fleet.instance("SEC").adminSession();
        ok(p, "CREATE DATABASE app; ALTER DATABASE app SET RECOVERY FULL; BACKUP DATABASE app TO DISK = N'/backup/app.bak';"
            + " BACKUP LOG app TO DISK = N'/backup/app.trn';");
    }

    @Test
    void every_documented_option_parses_and_shows_in_the_catalog() {
        ok(p, "CREATE AVAILABILITY GROUP [full_options]\n"
            + "WITH (AUTOMATED_BACKUP_PREFERENCE = SECONDARY_ONLY, FAILURE_CONDITION_LEVEL = 4, HEALTH_CHECK_TIMEOUT = 60000,"
            + " DB_FAILOVER = OFF, DTC_SUPPORT = PER_DB, REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT = 1, CONTAINED)\n"
            + "FOR DATABASE [app] REPLICA ON\n"
            + replica("PRI", ", SEEDING_MODE = MANUAL, BACKUP_PRIORITY = 30, SESSION_TIMEOUT = 15,"
                + " SECONDARY_ROLE (ALLOW_CONNECTIONS = READ_ONLY, READ_ONLY_ROUTING_URL = 'TCP://PRI.corp.example:1433'),"
                + " PRIMARY_ROLE (ALLOW_CONNECTIONS = READ_WRITE, READ_ONLY_ROUTING_LIST = ('SEC', 'PRI'))") + ",\n"
            + replica("SEC", ", SEEDING_MODE = MANUAL") + "\n"
            + "LISTENER N'app-listener' (WITH IP ((N'10.0.0.10', N'255.255.255.0')), PORT = 1433);");
        assertThat(rows(ok(p, "SELECT name, cluster_type_desc, is_contained, automated_backup_preference_desc,"
            + " failure_condition_level, health_check_timeout, required_synchronized_secondaries_to_commit FROM sys.availability_groups")).rows())
            .containsExactly(List.of("full_options", "wsfc", true, "SECONDARY_ONLY", 4, 60000, 1));
        assertThat(rows(ok(p, "SELECT backup_priority, session_timeout, secondary_role_allow_connections_desc,"
            + " read_only_routing_url, primary_role_allow_connections_desc, seeding_mode_desc"
            + " FROM sys.availability_replicas WHERE replica_server_name = N'PRI'")).rows())
            .containsExactly(List.of(30, 15, "READ_ONLY", "TCP://PRI.corp.example:1433", "READ_WRITE", "MANUAL"));
    }

    @Test
    void options_outside_the_grammar_are_syntax_errors_and_required_ones_are_named() {
        assertThat(firstError(run(p, "CREATE AVAILABILITY GROUP g WITH (CLUSTER_TYPE = NONE) FOR REPLICA ON "
            + "N'PRI' WITH (ENDPOINT_URL = N'TCP://PRI:5022', AVAILABILITY_MODE = SYNC, FAILOVER_MODE = MANUAL);")).number())
            .isEqualTo(102);
        assertThat(firstError(run(p, "CREATE AVAILABILITY GROUP g WITH (CLUSTER_TYPE = NONE) FOR REPLICA ON "
            + "N'PRI' WITH (ENDPOINT_URL = N'TCP://PRI:5022', LISTENER_URL = N'TCP://PRI:5022', AVAILABILITY_MODE = SYNCHRONOUS_COMMIT,"
            + " FAILOVER_MODE = MANUAL);")).number()).isEqualTo(102);
        assertThat(firstError(run(p, "CREATE AVAILABILITY GROUP g WITH (CLUSTER_TYPE = NONE, CLUSTER_TYPE = NONE) FOR REPLICA ON "
            + replica("PRI", "") + ";")).number()).isEqualTo(102);
        assertThat(firstError(run(p, "CREATE AVAILABILITY GROUP g WITH (CLUSTER_TYPE = NONE) FOR REPLICA ON "
            + "N'PRI' WITH (AVAILABILITY_MODE = SYNCHRONOUS_COMMIT, FAILOVER_MODE = MANUAL);")).number()).isEqualTo(35236);
        assertThat(firstError(run(p, "CREATE AVAILABILITY GROUP g WITH (CLUSTER_TYPE = NONE) FOR REPLICA ON "
            + "N'PRI' WITH (ENDPOINT_URL = N'TCP://PRI:5022', FAILOVER_MODE = MANUAL);")).number()).isEqualTo(41198);
        assertThat(firstError(run(p, "CREATE AVAILABILITY GROUP g WITH (CLUSTER_TYPE = NONE) FOR REPLICA ON "
            + "N'PRI' WITH (ENDPOINT_URL = N'TCP://PRI:5022', AVAILABILITY_MODE = SYNCHRONOUS_COMMIT);")).number()).isEqualTo(41197);
        assertThat(firstError(run(p, "CREATE AVAILABILITY GROUP g WITH (CLUSTER_TYPE = NONE) FOR REPLICA ON "
            + replica("PRI", ", BACKUP_PRIORITY = 101") + ";")).number()).isEqualTo(35209);
        assertThat(firstError(run(p, "CREATE AVAILABILITY GROUP g WITH (CLUSTER_TYPE = NONE) FOR REPLICA ON "
            + replica("PRI", ", SESSION_TIMEOUT = 4") + ";")).number()).isEqualTo(35214);
        assertThat(firstError(run(p, "CREATE AVAILABILITY GROUP g WITH (CLUSTER_TYPE = NONE) FOR DATABASE app, app REPLICA ON "
            + replica("PRI", "") + ";")).number()).isEqualTo(35234);
        ok(p, "CREATE LOGIN dba WITH PASSWORD = 'Dba!Passw0rd1'; GRANT ALTER ANY AVAILABILITY GROUP TO dba;");
        SqlSession dba = fleet.instance("PRI").login("dba", "Dba!Passw0rd1");
        assertThat(firstError(run(dba, "CREATE AVAILABILITY GROUP g WITH (CLUSTER_TYPE = NONE) FOR REPLICA ON "
            + replica("PRI", "") + ";")).number()).isEqualTo(15247);
    }

    @Test
    void replicas_are_added_removed_and_the_database_leaves_with_remove_database() {
        ok(p, "CREATE AVAILABILITY GROUP g WITH (CLUSTER_TYPE = NONE) FOR DATABASE app REPLICA ON " + replica("PRI", "") + ";");
        ok(p, "ALTER AVAILABILITY GROUP g ADD REPLICA ON " + replica("SEC", ", SEEDING_MODE = MANUAL") + ";");
        assertThat(firstError(run(p, "ALTER AVAILABILITY GROUP g ADD REPLICA ON " + replica("SEC", "") + ";")).number()).isEqualTo(35282);
        assertThat(scalar(p, "SELECT COUNT(*) FROM sys.availability_replicas")).isEqualTo(2);
        ok(p, "ALTER AVAILABILITY GROUP g REMOVE REPLICA ON N'SEC';");
        assertThat(firstError(run(p, "ALTER AVAILABILITY GROUP g REMOVE REPLICA ON N'SEC';")).number()).isEqualTo(35283);
        ok(p, "ALTER AVAILABILITY GROUP g REMOVE DATABASE app;");
        assertThat(scalar(p, "SELECT COUNT(*) FROM sys.availability_databases_cluster")).isEqualTo(0);
        ok(p, "DROP DATABASE app;");
    }

    @Test
    void manual_seeding_joins_a_restored_copy_once_the_primary_is_reachable() {
        ok(p, "CREATE AVAILABILITY GROUP g WITH (CLUSTER_TYPE = NONE) FOR DATABASE app REPLICA ON "
            + replica("PRI", "") + ", " + replica("SEC", "") + ";");
        ok(s, "RESTORE DATABASE app FROM DISK = N'/backup/app.bak' WITH NORECOVERY;"
            + " RESTORE LOG app FROM DISK = N'/backup/app.trn' WITH NORECOVERY;");
        ok(s, "ALTER AVAILABILITY GROUP g JOIN WITH (CLUSTER_TYPE = NONE);");
        // no endpoints yet: the replica joined, but the connection to the primary is not active
        assertThat(rows(ok(s, "SELECT connected_state_desc, last_connect_error_number FROM sys.dm_hadr_availability_replica_states")).rows())
            .containsExactly(List.of("DISCONNECTED", 35204));
        var e = firstError(run(s, "ALTER DATABASE app SET HADR AVAILABILITY GROUP = g;"));
        assertThat(e.number()).isEqualTo(35250);
        assertThat(e.text()).isEqualTo("The connection to the primary replica is not active.  The command cannot be processed.");

        outbound(p, "PRI", 5022, "ALL");
        outbound(s, "SEC", 5022, "ALL");
        inbound(p, "SEC");
        inbound(s, "PRI");
        ok(s, "ALTER DATABASE app SET HADR AVAILABILITY GROUP = g;");
        assertThat(rows(ok(s, "SELECT d.state_desc, drs.synchronization_state_desc FROM sys.databases d"
            + " JOIN sys.dm_hadr_database_replica_states drs ON drs.database_id = d.database_id")).rows())
            .containsExactly(List.of("ONLINE", "SYNCHRONIZED"));
        assertThat(scalar(p, "SELECT COUNT(*) FROM sys.dm_hadr_database_replica_states")).isEqualTo(2);
        assertThat(firstError(run(p, "ALTER DATABASE app SET HADR OFF;")).number()).isEqualTo(35240);
        ok(s, "ALTER DATABASE app SET HADR OFF;");
        assertThat(scalar(s, "SELECT state_desc FROM sys.databases WHERE name = N'app'")).isEqualTo("RESTORING");
        assertThat(firstError(run(s, "ALTER DATABASE app SET HADR SUSPEND;")).number()).isEqualTo(35242);
    }
}
