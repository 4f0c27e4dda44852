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

/** Two one-replica groups joined by a distributed group: the global primary seeds the forwarder over LISTENER_URLs. */
class DistributedAvailabilityGroupTest {

    @TempDir
    Path files;
    SimulatedFleet fleet;
    SqlSession east;
    SqlSession west;

    static final String DAG_MEMBERS = " N'ag_east' WITH (LISTENER_URL = N'tcp://EAST1.corp.example:5022',"
        + " AVAILABILITY_MODE = ASYNCHRONOUS_COMMIT, FAILOVER_MODE = MANUAL, SEEDING_MODE = AUTOMATIC),\n"
        + " N'ag_west' WITH (LISTENER_URL = N'tcp://WEST1.corp.example:5022',"
        + " AVAILABILITY_MODE = ASYNCHRONOUS_COMMIT, FAILOVER_MODE = MANUAL, SEEDING_MODE = AUTOMATIC);";

    @BeforeEach
    void setUp() {
        fleet = EngineTestSupport.fleet(files);
        east = fleet.instance("EAST1").adminSession();
        west = fleet.instance("WEST1").adminSession();
        outbound(east, "EAST1", 5022, "ALL");
        outbound(west, "WEST1", 5022, "ALL");
        inbound(east, "WEST1");
        inbound(west, "EAST1");
        ok(east, "CREATE DATABASE sales; ALTER DATABASE sales SET RECOVERY FULL; BACKUP DATABASE sales TO DISK = N'C:\\sales.bak';");
        ok(east, "CREATE AVAILABILITY GROUP [ag_east] WITH (CLUSTER_TYPE = NONE) FOR DATABASE [sales] REPLICA ON"
            + " N'EAST1' WITH (ENDPOINT_URL = N'tcp://EAST1.corp.example:5022', AVAILABILITY_MODE = SYNCHRONOUS_COMMIT,"
            + " FAILOVER_MODE = MANUAL, SEEDING_MODE = AUTOMATIC);");
        ok(west, "CREATE AVAILABILITY GROUP [ag_west] WITH (CLUSTER_TYPE = NONE) FOR REPLICA ON"
            + " N'WEST1' WITH (ENDPOINT_URL = N'tcp://WEST1.corp.example:5022', AVAILABILITY_MODE = SYNCHRONOUS_COMMIT,"
            + " FAILOVER_MODE = MANUAL, SEEDING_MODE = AUTOMATIC);");
    }

    @Test
    void the_forwarder_joins_and_is_seeded_once_its_group_may_create_databases() {
        ok(east, "CREATE AVAILABILITY GROUP [dag] WITH (DISTRIBUTED) AVAILABILITY GROUP ON\n" + DAG_MEMBERS);
        ok(west, "ALTER AVAILABILITY GROUP [dag] JOIN AVAILABILITY GROUP ON\n" + DAG_MEMBERS);
        assertThat(rows(ok(east, "SELECT ar.replica_server_name, ar.endpoint_url, rs.is_local, rs.role_desc, rs.connected_state_desc"
            + " FROM sys.availability_groups ag JOIN sys.availability_replicas ar ON ar.group_id = ag.group_id"
            + " LEFT JOIN sys.dm_hadr_availability_replica_states rs ON rs.replica_id = ar.replica_id"
            + " WHERE ag.is_distributed = 1 ORDER BY ar.replica_server_name")).rows())
            .containsExactly(List.of("ag_east", "tcp://EAST1.corp.example:5022", true, "PRIMARY", "CONNECTED"),
                List.of("ag_west", "tcp://WEST1.corp.example:5022", false, "SECONDARY", "CONNECTED"));
        assertThat(scalar(west, "SELECT COUNT(*) FROM sys.databases WHERE name = N'sales'")).isEqualTo(0);
        assertThat(scalar(east, "SELECT COUNT(*) FROM sys.dm_hadr_automatic_seeding WHERE current_state = N'FAILED'")).isEqualTo(1);

        ok(west, "ALTER AVAILABILITY GROUP [ag_west] GRANT CREATE ANY DATABASE;");
        assertThat(scalar(west, "SELECT COUNT(*) FROM sys.databases WHERE name = N'sales'")).isEqualTo(1);
        assertThat(scalar(west, "SELECT COUNT(*) FROM sys.availability_databases_cluster adc JOIN sys.availability_groups ag"
            + " ON ag.group_id = adc.group_id WHERE ag.name = N'ag_west' AND adc.database_name = N'sales'")).isEqualTo(1);
    }

    @Test
    void the_distributed_group_is_created_on_a_member_groups_primary_and_joined_by_the_other() {
        assertThat(firstError(run(west, "ALTER AVAILABILITY GROUP [dag] JOIN AVAILABILITY GROUP ON\n" + DAG_MEMBERS)).number()).isEqualTo(15151);
        SqlSession other = fleet.instance("OTHER").adminSession();
        assertThat(firstError(run(other, "CREATE AVAILABILITY GROUP [dag] WITH (DISTRIBUTED) AVAILABILITY GROUP ON\n" + DAG_MEMBERS)).number()).isEqualTo(35237);
        ok(east, "CREATE AVAILABILITY GROUP [dag] WITH (DISTRIBUTED) AVAILABILITY GROUP ON\n" + DAG_MEMBERS);
        assertThat(firstError(run(other, "ALTER AVAILABILITY GROUP [dag] JOIN AVAILABILITY GROUP ON\n" + DAG_MEMBERS)).number()).isEqualTo(41158);
        assertThat(firstError(run(east, "CREATE AVAILABILITY GROUP [dag2] WITH (DISTRIBUTED) AVAILABILITY GROUP ON"
            + " N'ag_east' WITH (ENDPOINT_URL = N'tcp://EAST1:5022', AVAILABILITY_MODE = ASYNCHRONOUS_COMMIT,"
            + " FAILOVER_MODE = MANUAL)")).number()).isEqualTo(102);
    }
}
