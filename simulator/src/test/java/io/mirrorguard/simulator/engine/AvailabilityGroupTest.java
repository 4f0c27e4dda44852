package io.mirrorguard.simulator.engine;

import static io.mirrorguard.simulator.engine.EngineTestSupport.firstError;
import static io.mirrorguard.simulator.engine.EngineTestSupport.inbound;
import static io.mirrorguard.simulator.engine.EngineTestSupport.ok;
import static io.mirrorguard.simulator.engine.EngineTestSupport.outbound;
import static io.mirrorguard.simulator.engine.EngineTestSupport.rows;
import static io.mirrorguard.simulator.engine.EngineTestSupport.run;
import static io.mirrorguard.simulator.engine.EngineTestSupport.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlSession;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A three-replica CLUSTER_TYPE = NONE group on certificate-authenticated endpoints, driven through T-SQL. */
class AvailabilityGroupTest {

    @TempDir
    Path files;
    SimulatedFleet fleet;
    SqlSession a;
    SqlSession b;
    SqlSession c;

    static final String CREATE = "CREATE AVAILABILITY GROUP [ag1] WITH (DB_FAILOVER = ON, CLUSTER_TYPE = NONE)\n"
        + "FOR REPLICA ON\n"
        + " N'NODE_A' WITH (ENDPOINT_URL = N'tcp://NODE_A.corp.example:5022', AVAILABILITY_MODE = SYNCHRONOUS_COMMIT,"
        + "   FAILOVER_MODE = MANUAL, SEEDING_MODE = AUTOMATIC, SECONDARY_ROLE (ALLOW_CONNECTIONS = ALL)),\n"
        + " N'NODE_B' WITH (ENDPOINT_URL = N'tcp://NODE_B.corp.example:5022', AVAILABILITY_MODE = SYNCHRONOUS_COMMIT,"
        + "   FAILOVER_MODE = MANUAL, SEEDING_MODE = AUTOMATIC, SECONDARY_ROLE (ALLOW_CONNECTIONS = ALL)),\n"
        + " N'NODE_C' WITH (ENDPOINT_URL = N'tcp://NODE_C.corp.example:5022', AVAILABILITY_MODE = ASYNCHRONOUS_COMMIT,"
        + "   FAILOVER_MODE = MANUAL, SEEDING_MODE = AUTOMATIC);";

    @BeforeEach
    void setUp() {
        fleet = EngineTestSupport.fleet(files);
        a = fleet.instance("NODE_A").adminSession();
        b = fleet.instance("NODE_B").adminSession();
        c = fleet.instance("NODE_C").adminSession();
        outbound(a, "NODE_A", 5022, "ALL");
        outbound(b, "NODE_B", 5022, "ALL");
        outbound(c, "NODE_C", 5022, "ALL");
        inbound(a, "NODE_B");
        inbound(a, "NODE_C");
        inbound(b, "NODE_A");
        inbound(b, "NODE_C");
        inbound(c, "NODE_A");
        inbound(c, "NODE_B");
        ok(a, "CREATE DATABASE db1; ALTER DATABASE db1 SET RECOVERY FULL; BACKUP DATABASE db1 TO DISK = N'C:\\db1.bak';");
    }

    void buildGroup() {
        ok(a, CREATE);
        ok(a, "ALTER AVAILABILITY GROUP [ag1] GRANT CREATE ANY DATABASE;");
        ok(b, "ALTER AVAILABILITY GROUP [ag1] JOIN WITH (CLUSTER_TYPE = NONE);");
        ok(b, "ALTER AVAILABILITY GROUP [ag1] GRANT CREATE ANY DATABASE;");
        ok(c, "ALTER AVAILABILITY GROUP [ag1] JOIN WITH (CLUSTER_TYPE = NONE);");
        ok(c, "ALTER AVAILABILITY GROUP [ag1] GRANT CREATE ANY DATABASE;");
        ok(a, "ALTER AVAILABILITY GROUP [ag1] ADD DATABASE [db1];");
    }

    static List<List<Object>> table(SqlSession s, String sql) {
        return rows(ok(s, sql)).rows();
    }

    @Test
    void catalog_shows_the_group_its_replicas_and_modes() {
        buildGroup();
        assertThat(table(a, "SELECT name, cluster_type_desc, is_distributed, is_contained, db_failover FROM sys.availability_groups"))
            .containsExactly(List.of("ag1", "none", false, false, true));
        assertThat(table(b, "SELECT replica_server_name, endpoint_url, availability_mode_desc, failover_mode_desc, seeding_mode_desc,"
            + " secondary_role_allow_connections_desc FROM sys.availability_replicas ORDER BY replica_server_name"))
            .containsExactly(
                List.of("NODE_A", "tcp://NODE_A.corp.example:5022", "SYNCHRONOUS_COMMIT", "MANUAL", "AUTOMATIC", "ALL"),
                List.of("NODE_B", "tcp://NODE_B.corp.example:5022", "SYNCHRONOUS_COMMIT", "MANUAL", "AUTOMATIC", "ALL"),
                List.of("NODE_C", "tcp://NODE_C.corp.example:5022", "ASYNCHRONOUS_COMMIT", "MANUAL", "AUTOMATIC", "NO"));
        assertThat(scalar(a, "SELECT COUNT(*) FROM sys.availability_databases_cluster WHERE database_name = N'db1'")).isEqualTo(1);
    }

    @Test
    void every_view_answers_select_star_with_its_documented_columns() {
        buildGroup();
        ok(a, "ALTER AVAILABILITY GROUP [ag1] MODIFY REPLICA ON N'NODE_C' WITH (ENDPOINT_URL = N'tcp://NODE_C.corp.example:5099');");
        for (String view : List.of("sys.availability_groups", "sys.availability_replicas", "sys.availability_databases_cluster",
                "sys.dm_hadr_availability_replica_states", "sys.dm_hadr_database_replica_states", "sys.dm_hadr_automatic_seeding")) {
            ResultItem.Rows r = rows(ok(a, "SELECT * FROM " + view));
            assertThat(r.rows()).as(view).isNotEmpty();
            assertThat(r.columns().size()).as(view).isEqualTo(
                io.mirrorguard.simulator.engine.catalog.CatalogSchema.get().view(view).orElseThrow().columns().size());
        }
    }

    @Test
    void primary_sees_every_replica_connected_and_a_secondary_only_itself() {
        buildGroup();
        assertThat(table(a, "SELECT ar.replica_server_name, rs.is_local, rs.role_desc, rs.connected_state_desc"
            + " FROM sys.availability_replicas ar JOIN sys.dm_hadr_availability_replica_states rs ON rs.replica_id = ar.replica_id"
            + " ORDER BY ar.replica_server_name"))
            .containsExactly(List.of("NODE_A", true, "PRIMARY", "CONNECTED"), List.of("NODE_B", false, "SECONDARY", "CONNECTED"),
                List.of("NODE_C", false, "SECONDARY", "CONNECTED"));
        assertThat(table(c, "SELECT is_local, role_desc, connected_state_desc FROM sys.dm_hadr_availability_replica_states"))
            .containsExactly(List.of(true, "SECONDARY", "CONNECTED"));
        assertThat(scalar(a, "SELECT COUNT(*) FROM sys.dm_db_mirroring_connections")).isEqualTo(4);
    }

    @Test
    void automatic_seeding_creates_the_database_where_the_group_may() {
        buildGroup();
        assertThat(scalar(b, "SELECT COUNT(*) FROM sys.databases WHERE name = N'db1'")).isEqualTo(1);
        assertThat(table(c, "SELECT drs.is_local, drs.synchronization_state_desc FROM sys.dm_hadr_database_replica_states drs"))
            .containsExactly(List.of(true, "SYNCHRONIZING"));
        assertThat(table(a, "SELECT current_state FROM sys.dm_hadr_automatic_seeding")).containsOnly(List.of("COMPLETED"));
    }

    @Test
    void seeding_without_the_grant_fails_and_the_secondary_has_no_copy() {
        ok(a, CREATE);
        ok(b, "ALTER AVAILABILITY GROUP [ag1] JOIN WITH (CLUSTER_TYPE = NONE);");
        ok(c, "ALTER AVAILABILITY GROUP [ag1] JOIN WITH (CLUSTER_TYPE = NONE);");
        ok(c, "ALTER AVAILABILITY GROUP [ag1] GRANT CREATE ANY DATABASE;");
        ok(a, "ALTER AVAILABILITY GROUP [ag1] ADD DATABASE [db1];");
        assertThat(scalar(b, "SELECT COUNT(*) FROM sys.databases WHERE name = N'db1'")).isEqualTo(0);
        assertThat(scalar(b, "SELECT COUNT(*) FROM sys.availability_databases_cluster adc LEFT JOIN sys.dm_hadr_database_replica_states drs"
            + " ON drs.group_database_id = adc.group_database_id AND drs.is_local = 1 WHERE drs.database_id IS NULL")).isEqualTo(1);
        assertThat(table(a, "SELECT ar.replica_server_name, s.current_state, s.failure_state_desc FROM sys.dm_hadr_automatic_seeding s"
            + " JOIN sys.availability_replicas ar ON ar.replica_id = s.ag_remote_replica_id ORDER BY ar.replica_server_name"))
            .containsExactly(List.of("NODE_B", "FAILED", "Seeding Check Message Timeout"), java.util.Arrays.asList("NODE_C", "COMPLETED", null));

        ok(b, "ALTER AVAILABILITY GROUP [ag1] GRANT CREATE ANY DATABASE;");
        assertThat(scalar(b, "SELECT COUNT(*) FROM sys.databases WHERE name = N'db1'")).isEqualTo(1);
    }

    @Test
    void revoked_connect_disconnects_the_replica_with_the_connection_timeout_error() {
        buildGroup();
        ok(b, "REVOKE CONNECT ON ENDPOINT::Endpoint_Mirroring FROM [NODE_A_login];");
        List<Object> row = table(a, "SELECT rs.connected_state_desc, rs.last_connect_error_number, rs.last_connect_error_description,"
            + " rs.last_connect_error_timestamp FROM sys.dm_hadr_availability_replica_states rs JOIN sys.availability_replicas ar"
            + " ON ar.replica_id = rs.replica_id WHERE ar.replica_server_name = N'NODE_B'").get(0);
        assertThat(row.get(0)).isEqualTo("DISCONNECTED");
        assertThat(row.get(1)).isEqualTo(35201);
        assertThat((String) row.get(2)).startsWith("A connection timeout has occurred while attempting to establish a connection"
            + " to availability replica 'NODE_B' with id [");
        assertThat(row.get(3)).isNotNull();
        assertThat(table(b, "SELECT connected_state_desc, last_connect_error_number FROM sys.dm_hadr_availability_replica_states"))
            .containsExactly(List.of("DISCONNECTED", 35201));
        assertThat(table(c, "SELECT connected_state_desc FROM sys.dm_hadr_availability_replica_states"))
            .containsExactly(List.of("CONNECTED"));

        ok(b, "GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [NODE_A_login];");
        assertThat(table(b, "SELECT connected_state_desc, last_connect_error_number FROM sys.dm_hadr_availability_replica_states"))
            .containsExactly(java.util.Arrays.asList("CONNECTED", null));
    }

    @Test
    void the_mirroring_link_rules_decide_replica_links_too() {
        buildGroup();
        ok(c, "ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = DISABLED);");
        assertThat(table(a, "SELECT ar.replica_server_name, rs.connected_state_desc FROM sys.dm_hadr_availability_replica_states rs"
            + " JOIN sys.availability_replicas ar ON ar.replica_id = rs.replica_id WHERE rs.is_local = 0 ORDER BY 1"))
            .containsExactly(List.of("NODE_B", "CONNECTED"), List.of("NODE_C", "DISCONNECTED"));
        ok(a, "ALTER ENDPOINT Endpoint_Mirroring STATE = STOPPED;");
        assertThat(table(a, "SELECT DISTINCT connected_state_desc, last_connect_error_number FROM sys.dm_hadr_availability_replica_states"
            + " WHERE is_local = 0")).containsExactly(List.of("DISCONNECTED", 35204));
        assertThat(table(b, "SELECT connected_state_desc, last_connect_error_number FROM sys.dm_hadr_availability_replica_states"))
            .containsExactly(List.of("DISCONNECTED", 35201));
        assertThat(scalar(a, "SELECT COUNT(*) FROM sys.dm_db_mirroring_connections")).isEqualTo(0);
    }

    @Test
    void an_endpoint_url_with_the_wrong_port_never_connects() {
        buildGroup();
        ok(a, "ALTER AVAILABILITY GROUP [ag1] MODIFY REPLICA ON N'NODE_C' WITH (ENDPOINT_URL = N'tcp://NODE_C.corp.example:5023');");
        assertThat(table(c, "SELECT endpoint_url FROM sys.availability_replicas WHERE replica_server_name = N'NODE_C'"))
            .containsExactly(List.of("tcp://NODE_C.corp.example:5023"));
        assertThat(table(c, "SELECT connected_state_desc FROM sys.dm_hadr_availability_replica_states"))
            .containsExactly(List.of("DISCONNECTED"));
    }

    @Test
    void dmvs_need_view_server_state_and_the_catalog_view_any_definition() {
        buildGroup();
        ok(a, "CREATE LOGIN plain WITH PASSWORD = 'Plain!Passw0rd1';");
        SqlSession plain = fleet.instance("NODE_A").login("plain", "Plain!Passw0rd1");
        assertThat(firstError(run(plain, "SELECT * FROM sys.dm_hadr_availability_replica_states")).number()).isEqualTo(300);
        assertThat(scalar(plain, "SELECT COUNT(*) FROM sys.availability_replicas")).isEqualTo(0);
        assertThat(scalar(plain, "SELECT CASE WHEN OBJECT_ID(N'sys.dm_hadr_automatic_seeding') IS NULL THEN 0 ELSE 1 END")).isEqualTo(1);
        assertThat(scalar(plain, "SELECT COL_LENGTH('sys.availability_groups', 'is_contained')")).isEqualTo((short) 1);
    }

    @Test
    void failover_needs_a_connected_synchronous_secondary_and_force_takes_any_joined_one() {
        buildGroup();
        assertThat(firstError(run(a, "ALTER AVAILABILITY GROUP [ag1] FAILOVER;")).number()).isEqualTo(41122);
        assertThat(firstError(run(c, "ALTER AVAILABILITY GROUP [ag1] FAILOVER;")).number()).isEqualTo(41142);
        ok(b, "ALTER AVAILABILITY GROUP [ag1] FAILOVER;");
        assertThat(table(b, "SELECT role_desc FROM sys.dm_hadr_availability_replica_states WHERE is_local = 1"))
            .containsExactly(List.of("PRIMARY"));
        ok(c, "ALTER AVAILABILITY GROUP [ag1] FORCE_FAILOVER_ALLOW_DATA_LOSS;");
        assertThat(table(a, "SELECT role_desc FROM sys.dm_hadr_availability_replica_states")).containsExactly(List.of("SECONDARY"));
    }

    @Test
    void documented_errors_of_wrong_usage() {
        String noLocal = CREATE.replace("N'NODE_A' WITH", "N'NODE_X' WITH");
        ResultItem.Message e = firstError(run(a, noLocal));
        assertThat(e.number()).isEqualTo(35237);
        assertThat(e.text()).startsWith("None of the specified replicas for availability group ag1 maps to the instance");
        assertThat(firstError(run(a, CREATE.replace("N'NODE_C' WITH", "N'NODE_B' WITH"))).number()).isEqualTo(35235);
        assertThat(firstError(run(a, CREATE.replace("tcp://NODE_B.corp.example:5022", "NODE_B:5022"))).number()).isEqualTo(35232);
        assertThat(firstError(run(a, CREATE.replace("ASYNCHRONOUS_COMMIT,   FAILOVER_MODE = MANUAL",
            "ASYNCHRONOUS_COMMIT,   FAILOVER_MODE = AUTOMATIC"))).number()).isEqualTo(35211);
        assertThat(firstError(run(a, CREATE.replace("CLUSTER_TYPE = NONE", "CLUSTER_TYPE = PACEMAKER"))).number()).isEqualTo(102);
        assertThat(firstError(run(a, "USE msdb;\n" + CREATE)).number()).isEqualTo(35208);
        ok(a, "USE master;");
        assertThat(firstError(run(b, "ALTER AVAILABILITY GROUP [ag1] JOIN WITH (CLUSTER_TYPE = NONE);")).number()).isEqualTo(15151);

        ok(a, CREATE);
        assertThat(firstError(run(a, CREATE)).number()).isEqualTo(41114);
        SqlSession d = fleet.instance("NODE_D").adminSession();
        e = firstError(run(d, "ALTER AVAILABILITY GROUP [ag1] JOIN WITH (CLUSTER_TYPE = NONE);"));
        assertThat(e.number()).isEqualTo(41158);
        assertThat(e.text()).contains("error 41167");
        assertThat(firstError(run(b, "ALTER AVAILABILITY GROUP [ag1] JOIN;")).number()).isEqualTo(41158);
        ok(b, "ALTER AVAILABILITY GROUP [ag1] JOIN WITH (CLUSTER_TYPE = NONE);");
        assertThat(firstError(run(b, "ALTER AVAILABILITY GROUP [ag1] ADD DATABASE [db1];")).number()).isEqualTo(41140);
        assertThat(firstError(run(a, "ALTER AVAILABILITY GROUP [ag1] ADD DATABASE [nosuch];")).number()).isEqualTo(35238);
        assertThat(firstError(run(a, "ALTER AVAILABILITY GROUP [ag1] ADD DATABASE [msdb];")).number()).isEqualTo(35249);
        assertThat(firstError(run(a, "ALTER AVAILABILITY GROUP [ag1] MODIFY REPLICA ON N'NODE_Q' WITH (BACKUP_PRIORITY = 10);"))
            .number()).isEqualTo(35210);
        assertThat(firstError(run(a, "ALTER AVAILABILITY GROUP [ag1] REMOVE REPLICA ON N'NODE_A';")).number()).isEqualTo(35284);
        ok(a, "ALTER AVAILABILITY GROUP [ag1] ADD DATABASE [db1];");
        assertThat(firstError(run(a, "DROP DATABASE db1;")).number()).isEqualTo(3752);
        assertThat(firstError(run(a, "BEGIN TRAN; DROP AVAILABILITY GROUP [ag1];")).number()).isEqualTo(574);
        ok(a, "IF @@TRANCOUNT > 0 ROLLBACK; DROP AVAILABILITY GROUP [ag1];");
        assertThat(scalar(b, "SELECT COUNT(*) FROM sys.availability_groups")).isEqualTo(0);
    }
}
