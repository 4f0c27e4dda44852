package io.mirrorguard.simulator.engine;

import static io.mirrorguard.simulator.engine.EngineTestSupport.ok;
import static io.mirrorguard.simulator.engine.EngineTestSupport.rows;
import static io.mirrorguard.simulator.engine.EngineTestSupport.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.simulator.api.SqlSession;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statement shapes of Microsoft's mirroring pages ("Example: Setting Up Database Mirroring Using Certificates",
 * "Use Certificates for Outbound/Inbound Connections", "Create a Database Mirroring Endpoint for Windows
 * Authentication", "Allow network access to a database mirroring endpoint using certificates"), written with names and
 * passwords of our own, run through SqlSession.execute as a DBA would type them.
 */
class DocExamplesTest {

    @TempDir
    Path files;
    SimulatedFleet fleet;
    SqlSession a;
    SqlSession b;
    SqlSession w;

    @BeforeEach
    void setUp() {
        fleet = new SimulatedFleet(Instant.parse("2026-03-02T09:00:00Z"), files, "MirrorGuard!Sa1");
        a = fleet.instance("HOST_A").adminSession();
        b = fleet.instance("HOST_B").adminSession();
        w = fleet.instance("HOST_W").adminSession();
    }

    /** Outbound: master key, certificate with an mdy expiry date, endpoint check, endpoint, public certificate backup. */
    private static void outbound(SqlSession s, String host, String role) {
        ok(s, "USE master;\n"
            + "CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'Dmk#Pass-" + host + "-42';\n"
            + "CREATE CERTIFICATE " + host + "_cert\n"
            + "   WITH SUBJECT = '" + host + " endpoint certificate',\n"
            + "   EXPIRY_DATE = '11/30/2031';\n");
        ok(s, "SELECT name, role_desc, state_desc, connection_auth_desc, encryption_algorithm_desc\n"
            + "   FROM sys.database_mirroring_endpoints;");
        ok(s, "CREATE ENDPOINT Endpoint_Mirroring\n"
            + "   STATE = STARTED\n"
            + "   AS TCP (\n      LISTENER_PORT=7024\n      , LISTENER_IP = ALL\n   )\n"
            + "   FOR DATABASE_MIRRORING (\n      AUTHENTICATION = CERTIFICATE " + host + "_cert\n"
            + "      , ENCRYPTION = REQUIRED ALGORITHM AES\n      , ROLE = " + role + "\n   );\n"
            + "BACKUP CERTIFICATE " + host + "_cert TO FILE = 'C:\\" + host + "_cert.cer';");
    }

    /** Inbound on {@code s} for {@code peer}: login, user, the peer's certificate from its file, CONNECT. */
    private static void inbound(SqlSession s, String peer) {
        ok(s, "USE master;\n"
            + "CREATE LOGIN " + peer + "_login WITH PASSWORD = 'Peer#Login-77';\n"
            + "CREATE USER " + peer + "_user FOR LOGIN " + peer + "_login;\n"
            + "CREATE CERTIFICATE " + peer + "_cert\n   AUTHORIZATION " + peer + "_user\n"
            + "   FROM FILE = 'C:\\" + peer + "_cert.cer'\n"
            + "GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [" + peer + "_login];");
    }

    @Test
    void certificateExampleWithWitnessEndsSynchronized() {
        outbound(a, "HOST_A", "ALL");
        outbound(b, "HOST_B", "ALL");
        outbound(w, "HOST_W", "WITNESS");
        inbound(a, "HOST_B");
        inbound(a, "HOST_W");
        inbound(b, "HOST_A");
        inbound(b, "HOST_W");
        inbound(w, "HOST_A");
        inbound(w, "HOST_B");
        ok(a, "CREATE DATABASE AdventureWorks;\nALTER DATABASE AdventureWorks SET RECOVERY FULL;\n"
            + "BACKUP DATABASE AdventureWorks TO DISK = N'C:\\AdventureWorks.bak' WITH INIT, FORMAT;\n"
            + "BACKUP LOG AdventureWorks TO DISK = N'C:\\AdventureWorks_log.trn';");
        ok(b, "RESTORE DATABASE AdventureWorks FROM DISK = 'C:\\AdventureWorks.bak' WITH NORECOVERY, REPLACE;\n"
            + "RESTORE LOG AdventureWorks FROM DISK = 'C:\\AdventureWorks_log.trn' WITH NORECOVERY;");
        ok(b, "ALTER DATABASE AdventureWorks\n    SET PARTNER = 'TCP://HOST_A.Mydomain.Corp.Adventure-Works.com:7024';");
        ok(a, "ALTER DATABASE AdventureWorks\n    SET PARTNER = 'TCP://HOST_B.Mydomain.Corp.Adventure-Works.com:7024';");
        ok(a, "ALTER DATABASE AdventureWorks SET WITNESS = N'TCP://HOST_W.Mydomain.Corp.Adventure-Works.com:7024';");

        assertThat(rows(ok(a, "SELECT mirroring_state_desc, mirroring_witness_state_desc FROM sys.database_mirroring "
            + "WHERE database_id = DB_ID('AdventureWorks')")).rows()).containsExactly(List.of("SYNCHRONIZED", "CONNECTED"));
        assertThat(scalar(a, "SELECT expiry_date FROM master.sys.certificates WHERE name = 'HOST_A_cert'"))
            .isEqualTo(LocalDateTime.of(2031, 11, 30, 0, 0));
        // the peer's copy on HOST_B is the same certificate, owned by the user mapped to HOST_A's login
        assertThat(scalar(b, "SELECT u.name FROM sys.certificates c JOIN sys.database_principals u "
            + "ON u.principal_id = c.principal_id WHERE c.name = 'HOST_A_cert'")).isEqualTo("HOST_A_user");
        assertThat(scalar(b, "SELECT pvt_key_encryption_type_desc FROM sys.certificates WHERE name = 'HOST_A_cert'"))
            .isEqualTo("NO_PRIVATE_KEY");
    }

    @Test
    void highPerformanceModeWithoutWitness() {
        outbound(a, "HOST_A", "PARTNER");
        outbound(b, "HOST_B", "PARTNER");
        inbound(a, "HOST_B");
        inbound(b, "HOST_A");
        ok(a, "CREATE DATABASE AdventureWorks; ALTER DATABASE AdventureWorks SET RECOVERY FULL;"
            + " BACKUP DATABASE AdventureWorks TO DISK = 'C:\\aw.bak'; BACKUP LOG AdventureWorks TO DISK = 'C:\\aw.trn';");
        ok(b, "RESTORE DATABASE AdventureWorks FROM DISK = 'C:\\aw.bak' WITH NORECOVERY;"
            + " RESTORE LOG AdventureWorks FROM DISK = 'C:\\aw.trn' WITH NORECOVERY;");
        ok(b, "ALTER DATABASE AdventureWorks SET PARTNER = 'TCP://HOST_A.Mydomain.Corp.Adventure-Works.com:7024';");
        ok(a, "ALTER DATABASE AdventureWorks SET PARTNER = 'TCP://HOST_B.Mydomain.Corp.Adventure-Works.com:7024';");
        ok(a, "ALTER DATABASE AdventureWorks SET PARTNER SAFETY OFF;");
        assertThat(scalar(a, "SELECT mirroring_safety_level_desc FROM sys.database_mirroring "
            + "WHERE database_id = DB_ID(N'AdventureWorks')")).isEqualTo("OFF");
    }

    @Test
    void windowsAuthenticationEndpointExample() {
        // "Create a Database Mirroring Endpoint for Windows Authentication": defaults, then explicit options
        ok(a, "SELECT name, role_desc, state_desc FROM sys.database_mirroring_endpoints;\n"
            + "CREATE ENDPOINT endpoint_mirroring\n    STATE = STARTED\n    AS TCP ( LISTENER_PORT = 7022 )\n"
            + "    FOR DATABASE_MIRRORING (ROLE=PARTNER);");
        assertThat(rows(ok(a, "SELECT state_desc, role_desc, connection_auth_desc, encryption_algorithm_desc, is_encryption_enabled "
            + "FROM sys.database_mirroring_endpoints")).rows())
            .containsExactly(List.of("STARTED", "PARTNER", "NEGOTIATE", "AES", true));
        ok(b, "CREATE ENDPOINT endpoint_mirroring\n    STATE = STARTED\n    AS TCP ( LISTENER_PORT = 7022 )\n"
            + "    FOR DATABASE_MIRRORING (\n       AUTHENTICATION = WINDOWS KERBEROS,\n       ENCRYPTION = SUPPORTED,\n"
            + "       ROLE=ALL);");
        assertThat(rows(ok(b, "SELECT connection_auth_desc, encryption_algorithm_desc FROM sys.database_mirroring_endpoints")).rows())
            .containsExactly(List.of("KERBEROS", "NONE, AES"));
        ok(w, "CREATE ENDPOINT endpoint_mirroring\n    STATE = STARTED\n    AS TCP ( LISTENER_PORT = 7022 )\n"
            + "    FOR DATABASE_MIRRORING (ROLE=WITNESS);\n"
            + "CREATE LOGIN [MYDOMAIN\\mirror_svc] FROM WINDOWS;\n"
            + "GRANT CONNECT ON ENDPOINT::endpoint_mirroring TO [MYDOMAIN\\mirror_svc];");
        assertThat(scalar(w, "SELECT COUNT(*) FROM sys.server_permissions p JOIN sys.server_principals l "
            + "ON l.principal_id = p.grantee_principal_id WHERE p.class_desc = 'ENDPOINT' AND l.name = 'MYDOMAIN\\mirror_svc'"))
            .isEqualTo(1);
    }

    @Test
    void allowNetworkAccessExampleWithPrivateKeyBackup() {
        // the same inbound steps, with the private key saved too (the key vault copy), then the master key guard
        ok(a, "USE master;\nIF NOT EXISTS (SELECT * FROM sys.symmetric_keys WHERE name = '##MS_DatabaseMasterKey##')\n"
            + "    CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'Dmk#Pass-A-42';\n"
            + "IF NOT EXISTS (SELECT * FROM sys.symmetric_keys WHERE name = '##MS_DatabaseMasterKey##')\n"
            + "    CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'never used';\n"
            + "CREATE CERTIFICATE HOST_A_cert WITH SUBJECT = 'HOST_A endpoint certificate', START_DATE = '20260301', EXPIRY_DATE = '20301231';\n"
            + "BACKUP CERTIFICATE HOST_A_cert TO FILE = 'C:\\Keys\\HOST_A_cert.cer'\n"
            + "   WITH PRIVATE KEY ( FILE = 'C:\\Keys\\HOST_A_cert.pvk', ENCRYPTION BY PASSWORD = 'Pvk#Pass-99' );");
        assertThat(scalar(a, "SELECT COUNT(*) FROM sys.symmetric_keys WHERE name = '##MS_DatabaseMasterKey##'")).isEqualTo(1);
        assertThat(scalar(a, "SELECT pvt_key_last_backup_date FROM sys.certificates WHERE name = 'HOST_A_cert'")).isNotNull();
        ok(b, "CREATE LOGIN HOST_A_login WITH PASSWORD = 'Peer#Login-77', CHECK_POLICY = OFF, DEFAULT_DATABASE = master;\n"
            + "CREATE USER HOST_A_user FROM LOGIN HOST_A_login;\n"
            + "CREATE CERTIFICATE HOST_A_cert AUTHORIZATION HOST_A_user FROM FILE = 'c:\\keys\\host_a_cert.cer';");
        assertThat(scalar(b, "SELECT thumbprint FROM sys.certificates WHERE name = 'HOST_A_cert'"))
            .isEqualTo(scalar(a, "SELECT thumbprint FROM sys.certificates WHERE name = 'HOST_A_cert'"));
    }
}
