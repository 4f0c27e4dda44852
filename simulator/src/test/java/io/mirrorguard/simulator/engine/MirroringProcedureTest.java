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
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Microsoft's certificate procedure for HOST_A, HOST_B (partners) and HOST_W (witness), driven through T-SQL. */
class MirroringProcedureTest {

    @TempDir
    Path files;
    SimulatedFleet fleet;
    SqlSession a;
    SqlSession b;
    SqlSession w;

    @BeforeEach
    void setUp() {
        fleet = EngineTestSupport.fleet(files);
        a = fleet.instance("HOST_A").adminSession();
        b = fleet.instance("HOST_B").adminSession();
        w = fleet.instance("HOST_W").adminSession();
    }

    void configureAll() {
        outbound(a, "HOST_A", 7024, "PARTNER");
        outbound(b, "HOST_B", 7024, "PARTNER");
        outbound(w, "HOST_W", 7024, "WITNESS");
        inbound(a, "HOST_B");
        inbound(a, "HOST_W");
        inbound(b, "HOST_A");
        inbound(b, "HOST_W");
        inbound(w, "HOST_A");
        inbound(w, "HOST_B");
        ok(a, "CREATE DATABASE AdventureWorks; ALTER DATABASE AdventureWorks SET RECOVERY FULL;\n"
            + "BACKUP DATABASE AdventureWorks TO DISK = 'C:\\aw.bak'; BACKUP LOG AdventureWorks TO DISK = 'C:\\aw.trn';");
        ok(b, "RESTORE DATABASE AdventureWorks FROM DISK = 'C:\\aw.bak' WITH NORECOVERY;\n"
            + "RESTORE LOG AdventureWorks FROM DISK = 'C:\\aw.trn' WITH NORECOVERY;");
    }

    void startMirroring() {
        ok(b, "ALTER DATABASE AdventureWorks SET PARTNER = 'TCP://HOST_A.Mydomain.Corp.Adventure-Works.com:7024';");
        ok(a, "ALTER DATABASE AdventureWorks SET PARTNER = 'TCP://HOST_B.Mydomain.Corp.Adventure-Works.com:7024';");
        ok(a, "ALTER DATABASE AdventureWorks SET WITNESS = 'TCP://HOST_W.Mydomain.Corp.Adventure-Works.com:7024';");
    }

    @Test
    void wholeProcedureEndsSynchronizedWithSixEncryptedConnections() {
        configureAll();
        startMirroring();
        ResultItem.Rows m = rows(ok(a, "SELECT mirroring_state_desc, mirroring_role_desc, mirroring_witness_state_desc, "
            + "mirroring_partner_instance FROM sys.database_mirroring WHERE database_id = DB_ID('AdventureWorks')"));
        assertThat(m.rows()).containsExactly(List.of("SYNCHRONIZED", "PRINCIPAL", "CONNECTED", "HOST_B"));
        ResultItem.Rows mirror = rows(ok(b, "SELECT mirroring_state_desc, mirroring_role_desc FROM sys.database_mirroring "
            + "WHERE mirroring_guid IS NOT NULL"));
        assertThat(mirror.rows()).containsExactly(List.of("SYNCHRONIZED", "MIRROR"));
        ResultItem.Rows wit = rows(ok(w, "SELECT database_name, principal_server_name, mirror_server_name, partner_sync_state_desc "
            + "FROM sys.database_mirroring_witnesses"));
        assertThat(wit.rows()).containsExactly(List.of("AdventureWorks", "HOST_A", "HOST_B", "SYNCHRONIZED"));

        Set<Object> distinct = new HashSet<>();
        for (SqlSession s : List.of(a, b, w)) {
            ResultItem.Rows c = rows(ok(s, "SELECT connection_id, encryption_algorithm_desc, login_state_desc, peer_certificate_id, is_accept "
                + "FROM sys.dm_db_mirroring_connections"));
            assertThat(c.rows()).hasSize(4);
            for (List<Object> r : c.rows()) {
                assertThat(r.get(1)).isEqualTo("AES");
                assertThat(r.get(2)).isEqualTo("ONLINE");
                assertThat((Integer) r.get(3)).isGreaterThan(0);
                distinct.add(r.get(0));
            }
        }
        // 3 pairs x 2 directions = 6 transport connections, each seen from both of its ends
        assertThat(distinct).hasSize(12);
        assertThat(scalar(a, "SELECT COUNT(*) FROM sys.dm_db_mirroring_connections WHERE is_accept = 0")).isEqualTo(2);
    }

    @Test
    void setPartnerOnPrincipalFirstFails() {
        configureAll();
        ResultItem.Message e = firstError(run(a, "ALTER DATABASE AdventureWorks SET PARTNER = 'TCP://HOST_B:7024';"));
        assertThat(e.number()).isEqualTo(1416);
    }

    @Test
    void missingGrantMakesTheAddressUnreachable() {
        configureAll();
        ok(b, "REVOKE CONNECT ON ENDPOINT::Endpoint_Mirroring FROM [HOST_A_login];");
        ok(b, "ALTER DATABASE AdventureWorks SET PARTNER = 'TCP://HOST_A:7024';");
        ResultItem.Message e = firstError(run(a, "ALTER DATABASE AdventureWorks SET PARTNER = 'TCP://HOST_B:7024';"));
        assertThat(e.number()).isEqualTo(1418);
        assertThat(e.text()).contains("TCP://HOST_B:7024");
    }

    @Test
    void revokedConnectDisconnectsAfterReconnect() {
        configureAll();
        startMirroring();
        ok(b, "REVOKE CONNECT ON ENDPOINT::Endpoint_Mirroring FROM [HOST_A_login];");
        assertThat(scalar(a, "SELECT mirroring_state_desc FROM sys.database_mirroring WHERE mirroring_guid IS NOT NULL"))
            .isEqualTo("DISCONNECTED");
        assertThat(scalar(a, "SELECT COUNT(*) FROM sys.dm_db_mirroring_connections WHERE is_accept = 1")).isEqualTo(1);
    }

    @Test
    void expiredCertificateDropsTheLinkAfterClockMove() {
        configureAll();
        startMirroring();
        fleet.setClock(Instant.parse("2031-01-01T00:00:00Z"));
        assertThat(scalar(a, "SELECT mirroring_state_desc FROM sys.database_mirroring WHERE mirroring_guid IS NOT NULL"))
            .isEqualTo("DISCONNECTED");
        assertThat(scalar(a, "SELECT mirroring_witness_state_desc FROM sys.database_mirroring WHERE mirroring_guid IS NOT NULL"))
            .isEqualTo("DISCONNECTED");
        assertThat(scalar(a, "SELECT COUNT(*) FROM sys.dm_db_mirroring_connections")).isEqualTo(0);
        assertThat(scalar(a, "SELECT COUNT(*) FROM master.sys.certificates WHERE expiry_date < SYSUTCDATETIME()")).isEqualTo(3);
    }

    @Test
    void stoppedEndpointDisconnects() {
        configureAll();
        startMirroring();
        ok(w, "ALTER ENDPOINT Endpoint_Mirroring STATE = STOPPED");
        assertThat(scalar(a, "SELECT mirroring_witness_state_desc FROM sys.database_mirroring WHERE mirroring_guid IS NOT NULL"))
            .isEqualTo("DISCONNECTED");
        assertThat(scalar(a, "SELECT mirroring_state_desc FROM sys.database_mirroring WHERE mirroring_guid IS NOT NULL"))
            .isEqualTo("SYNCHRONIZED");
    }

    @Test
    void incompatibleEncryptionFails() {
        configureAll();
        ok(b, "ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = DISABLED)");
        ok(b, "ALTER DATABASE AdventureWorks SET PARTNER = 'TCP://HOST_A:7024';");
        assertThat(firstError(run(a, "ALTER DATABASE AdventureWorks SET PARTNER = 'TCP://HOST_B:7024';")).number()).isEqualTo(1418);
    }

    @Test
    void witnessWithoutLoginOnWitnessFails() {
        configureAll();
        ok(w, "DROP CERTIFICATE HOST_A_cert");
        ok(b, "ALTER DATABASE AdventureWorks SET PARTNER = 'TCP://HOST_A:7024';");
        ok(a, "ALTER DATABASE AdventureWorks SET PARTNER = 'TCP://HOST_B:7024';");
        assertThat(firstError(run(a, "ALTER DATABASE AdventureWorks SET WITNESS = 'TCP://HOST_W:7024';")).number()).isEqualTo(1456);
    }

    // SET WITNESS and FAILOVER read the partner link's state as it is at that moment (SimulatedFleet.partnerConnected),
    // including a change made just before without any catalog read in between.

    @Test
    void witnessNeedsThePartnersConnectedRightNow() {
        configureAll();
        ok(b, "ALTER DATABASE AdventureWorks SET PARTNER = 'TCP://HOST_A:7024';");
        ok(a, "ALTER DATABASE AdventureWorks SET PARTNER = 'TCP://HOST_B:7024';");
        ok(b, "REVOKE CONNECT ON ENDPOINT::Endpoint_Mirroring FROM [HOST_A_login];");
        assertThat(firstError(run(a, "ALTER DATABASE AdventureWorks SET WITNESS = 'TCP://HOST_W:7024';")).number())
            .isEqualTo(1426);
        ok(b, "GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_A_login];");
        ok(a, "ALTER DATABASE AdventureWorks SET WITNESS = 'TCP://HOST_W:7024';");
        assertThat(scalar(a, "SELECT mirroring_witness_state_desc FROM sys.database_mirroring WHERE mirroring_guid IS NOT NULL"))
            .isEqualTo("CONNECTED");
    }

    @Test
    void failoverNeedsThePartnersConnectedRightNow() {
        configureAll();
        startMirroring();
        ok(a, "ALTER ENDPOINT Endpoint_Mirroring STATE = STOPPED");
        assertThat(firstError(run(a, "ALTER DATABASE AdventureWorks SET PARTNER FAILOVER;")).number()).isEqualTo(1447);
        ok(a, "ALTER ENDPOINT Endpoint_Mirroring STATE = STARTED");
        ok(a, "ALTER DATABASE AdventureWorks SET PARTNER FAILOVER;");
        assertThat(scalar(b, "SELECT mirroring_role_desc FROM sys.database_mirroring WHERE mirroring_guid IS NOT NULL"))
            .isEqualTo("PRINCIPAL");
    }
}
