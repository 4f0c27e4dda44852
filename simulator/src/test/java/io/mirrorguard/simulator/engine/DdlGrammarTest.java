package io.mirrorguard.simulator.engine;

import static io.mirrorguard.simulator.engine.EngineTestSupport.ok;
import static io.mirrorguard.simulator.engine.EngineTestSupport.rows;
import static io.mirrorguard.simulator.engine.EngineTestSupport.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlSession;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Security DDL in the forms SQL Server accepts: case, quoting, optional punctuation, option order, alternatives. */
class DdlGrammarTest {

    @TempDir
    Path files;
    SimulatedFleet fleet;
    SqlSession s;

    @BeforeEach
    void setUp() {
        fleet = new SimulatedFleet(Instant.parse("2026-03-02T09:00:00Z"), files, "MirrorGuard!Sa1");
        s = fleet.instance("HOST_A").adminSession();
        ok(s, "use MASTER\ncreate master key encryption by password = N'Dmk#Pass-42'");
    }

    private Object endpoint(String column) {
        return scalar(s, "SELECT " + column + " FROM sys.database_mirroring_endpoints");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "11/30/2031", "20311130", "2031-11-30", "2031-11-30T00:00:00", "Nov 30 2031", "30 November 2031", "11-30-2031"})
    void expiryDateInEveryAcceptedFormat(String literal) {
        ok(s, "CREATE CERTIFICATE c WITH SUBJECT = 'c', EXPIRY_DATE = '" + literal + "'");
        assertThat(scalar(s, "SELECT expiry_date FROM sys.certificates WHERE name = 'c'")).isEqualTo(LocalDateTime.of(2031, 11, 30, 0, 0));
    }

    @Test
    void certificateOptionsInAnyOrderWithNStringsAndQuotedNames() {
        ok(s, "CREATE CERTIFICATE \"quoted cert\" WITH EXPIRY_DATE = N'2030-12-31T23:59:59', SUBJECT = N'Quoted', START_DATE = '1/2/2026'");
        assertThat(rows(ok(s, "SELECT subject, start_date, expiry_date FROM sys.certificates WHERE name = 'quoted cert'")).rows())
            .containsExactly(List.of("Quoted", LocalDateTime.of(2026, 1, 2, 0, 0), LocalDateTime.of(2030, 12, 31, 23, 59, 59)));
        ok(s, "create certificate [bracket cert] authorization dbo with subject = 'b'; create certificate plain_cert with subject = 'p'");
        assertThat(scalar(s, "SELECT COUNT(*) FROM sys.certificates WHERE name IN ('bracket cert', 'plain_cert')")).isEqualTo(2);
    }

    @Test
    void endpointTcpArgumentsWithOptionalCommaAndAddresses() {
        ok(s, "CREATE CERTIFICATE ep_cert WITH SUBJECT = 'ep'");
        ok(s, "create endpoint [Mirroring] as tcp (listener_port = 5022 listener_ip = (10.0.0.1)) "
            + "for database_mirroring (role = partner authentication = certificate ep_cert encryption = required)");
        assertThat(scalar(s, "SELECT ip_address FROM sys.tcp_endpoints WHERE name = 'Mirroring'")).isEqualTo("10.0.0.1");
        assertThat(endpoint("state_desc")).isEqualTo("STOPPED");
        ok(s, "ALTER ENDPOINT Mirroring AS TCP (LISTENER_IP = ALL)");
        assertThat(scalar(s, "SELECT ip_address FROM sys.tcp_endpoints WHERE name = 'Mirroring'")).isNull();
        ok(s, "ALTER ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 5033, LISTENER_IP = ('::1'))");
        assertThat(rows(ok(s, "SELECT port, ip_address, state_desc FROM sys.tcp_endpoints WHERE name = 'Mirroring'")).rows())
            .containsExactly(List.of(5033, "::1", "STARTED"));
    }

    @Test
    void mirroringOptionsInAnyOrderAndEveryAuthenticationForm() {
        ok(s, "CREATE CERTIFICATE ep_cert WITH SUBJECT = 'ep'");
        ok(s, "CREATE ENDPOINT ep AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING "
            + "(ROLE = ALL, ENCRYPTION = REQUIRED, AUTHENTICATION = WINDOWS NEGOTIATE CERTIFICATE ep_cert)");
        // ENCRYPTION = REQUIRED without ALGORITHM is AES (the default from SQL Server 2016)
        assertThat(endpoint("encryption_algorithm_desc")).isEqualTo("AES");
        assertThat(endpoint("connection_auth_desc")).isEqualTo("NEGOTIATE, CERTIFICATE");
        String[][] forms = {
            {"WINDOWS", "NEGOTIATE"}, {"WINDOWS NTLM", "NTLM"}, {"WINDOWS KERBEROS", "KERBEROS"},
            {"CERTIFICATE ep_cert", "CERTIFICATE"}, {"CERTIFICATE ep_cert WINDOWS", "CERTIFICATE, NEGOTIATE"},
            {"CERTIFICATE [ep_cert] WINDOWS KERBEROS", "CERTIFICATE, KERBEROS"},
            {"WINDOWS NTLM CERTIFICATE ep_cert", "NTLM, CERTIFICATE"}};
        for (String[] f : forms) {
            ok(s, "alter endpoint ep for database_mirroring (authentication = " + f[0] + ")");
            assertThat(endpoint("connection_auth_desc")).as(f[0]).isEqualTo(f[1]);
        }
        String[][] enc = {
            {"SUPPORTED", "NONE, AES"}, {"REQUIRED ALGORITHM RC4", "RC4"}, {"REQUIRED ALGORITHM AES RC4", "AES, RC4"},
            {"SUPPORTED ALGORITHM RC4 AES", "NONE, RC4, AES"}, {"DISABLED", "NONE"}, {"REQUIRED ALGORITHM AES", "AES"}};
        for (String[] e : enc) {
            ok(s, "ALTER ENDPOINT ep FOR DATABASE_MIRRORING (ENCRYPTION = " + e[0] + ")");
            assertThat(endpoint("encryption_algorithm_desc")).as(e[0]).isEqualTo(e[1]);
        }
    }

    @Test
    void loginsUsersAndGrantsInTheirUsualForms() {
        ok(s, "CREATE LOGIN peer_login WITH PASSWORD = 'Peer#Login-77', CHECK_POLICY = OFF, DEFAULT_DATABASE = master\n"
            + "CREATE LOGIN [peer two] WITH PASSWORD = N'Peer#Login-77' MUST_CHANGE, CHECK_EXPIRATION = ON, CHECK_POLICY = ON\n"
            + "CREATE LOGIN sid_login WITH PASSWORD = 'Peer#Login-77', SID = 0x0102030405060708090A0B0C0D0E0F10, DEFAULT_LANGUAGE = us_english\n"
            + "CREATE LOGIN [CORP\\svc_sql] FROM WINDOWS WITH DEFAULT_DATABASE = [master]\n"
            + "CREATE USER peer_user FOR LOGIN peer_login\n"
            + "CREATE USER [peer two] FROM LOGIN [peer two]\n"
            + "CREATE USER sid_login\n"
            + "CREATE USER loose_user WITHOUT LOGIN");
        assertThat(scalar(s, "SELECT CONVERT(varchar(40), sid, 2) FROM sys.server_principals WHERE name = 'sid_login'"))
            .isEqualTo("0102030405060708090A0B0C0D0E0F10");
        assertThat(rows(ok(s, "SELECT name, type_desc FROM sys.database_principals WHERE name IN "
            + "('peer_user', 'peer two', 'sid_login', 'loose_user') ORDER BY name")).rows()).containsExactly(
                List.of("loose_user", "SQL_USER"), List.of("peer two", "SQL_USER"), List.of("peer_user", "SQL_USER"),
                List.of("sid_login", "SQL_USER"));
        ok(s, "CREATE ENDPOINT ep AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (ROLE = ALL)");
        ok(s, "GRANT CONNECT ON ENDPOINT::[ep] TO [peer_login]; GRANT CONNECT ON ENDPOINT::ep TO [peer two];"
            + " grant connect on endpoint :: ep to sid_login");
        assertThat(scalar(s, "SELECT COUNT(*) FROM sys.server_permissions WHERE class_desc = 'ENDPOINT' AND permission_name = 'CONNECT' "
            + "AND grantee_principal_id IN (SELECT principal_id FROM sys.server_principals WHERE name IN ('peer_login', 'peer two', 'sid_login'))"))
            .isEqualTo(3);
    }

    @Test
    void serverRoleMembershipByStatementAndByProcedure() {
        ok(s, "CREATE LOGIN ops WITH PASSWORD = 'Ops#Login-77'; CREATE LOGIN ops2 WITH PASSWORD = 'Ops#Login-77'");
        ok(s, "EXEC sp_addsrvrolemember 'ops', 'sysadmin'");
        ok(s, "EXECUTE master.sys.sp_addsrvrolemember @loginame = N'ops2', @rolename = N'securityadmin'");
        assertThat(scalar(s, "SELECT IS_SRVROLEMEMBER('sysadmin', 'ops')")).isEqualTo(1);
        assertThat(scalar(s, "SELECT IS_SRVROLEMEMBER('securityadmin', 'ops2')")).isEqualTo(1);
        ResultItem.Rows rc = rows(ok(s, "DECLARE @rc int; EXEC @rc = sp_dropsrvrolemember 'ops', 'sysadmin'; SELECT @rc"));
        assertThat(rc.rows()).containsExactly(List.of(0));
        assertThat(scalar(s, "SELECT IS_SRVROLEMEMBER('sysadmin', 'ops')")).isEqualTo(0);
        ok(s, "ALTER SERVER ROLE sysadmin ADD MEMBER ops; ALTER SERVER ROLE [serveradmin] ADD MEMBER [ops]");
        assertThat(scalar(s, "SELECT IS_SRVROLEMEMBER('serveradmin', 'ops')")).isEqualTo(1);
        ok(s, "alter server role serveradmin drop member ops");
        assertThat(scalar(s, "SELECT IS_SRVROLEMEMBER('serveradmin', 'ops')")).isEqualTo(0);
    }

    @Test
    void certificateBackupToAWindowsPathIsFoundFromAnyInstanceWhateverTheCase() {
        SqlSession b = fleet.instance("HOST_B").adminSession();
        ok(s, "CREATE CERTIFICATE HOST_A_cert WITH SUBJECT = 'A'; BACKUP CERTIFICATE HOST_A_cert TO FILE = 'C:\\Certs\\HOST_A_cert.cer'");
        ok(b, "CREATE LOGIN HOST_A_login WITH PASSWORD = 'Peer#Login-77'; CREATE USER HOST_A_user FOR LOGIN HOST_A_login;\n"
            + "CREATE CERTIFICATE HOST_A_cert AUTHORIZATION HOST_A_user FROM FILE = 'c:\\certs\\host_a_cert.CER'");
        assertThat(Path.of(files.toString(), "c", "certs", "host_a_cert.cer")).exists();
        assertThat(scalar(b, "SELECT thumbprint FROM sys.certificates WHERE name = 'HOST_A_cert'"))
            .isEqualTo(scalar(s, "SELECT thumbprint FROM sys.certificates WHERE name = 'HOST_A_cert'"));
    }

    @Test
    void guardedCreatesAndCatalogChecksRunAsScripts() {
        String guarded = "IF NOT EXISTS (SELECT * FROM sys.symmetric_keys WHERE name = '##MS_DatabaseMasterKey##')\n"
            + "    CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'Other#Pass-1';\n"
            + "IF NOT EXISTS (SELECT * FROM sys.server_principals WHERE name = N'guarded')\n"
            + "BEGIN\n    CREATE LOGIN guarded WITH PASSWORD = 'Guard#Pass-1';\nEND\n"
            + "IF EXISTS (SELECT 1 FROM sys.database_mirroring_endpoints) PRINT 'endpoint exists' ELSE PRINT 'no endpoint';";
        ok(s, guarded);
        ok(s, guarded);
        assertThat(scalar(s, "SELECT COUNT(*) FROM sys.server_principals WHERE name = 'guarded'")).isEqualTo(1);
    }

    @Test
    void masterKeyMaintenanceStatements() {
        ok(s, "OPEN MASTER KEY DECRYPTION BY PASSWORD = 'Dmk#Pass-42';\n"
            + "ALTER MASTER KEY ADD ENCRYPTION BY SERVICE MASTER KEY;\n"
            + "ALTER MASTER KEY ADD ENCRYPTION BY PASSWORD = 'Second#Pass-1';\n"
            + "CLOSE MASTER KEY;");
        ok(s, "ALTER MASTER KEY REGENERATE WITH ENCRYPTION BY PASSWORD = 'Fresh#Pass-2'");
        ok(s, "OPEN MASTER KEY DECRYPTION BY PASSWORD = 'Fresh#Pass-2'; CLOSE MASTER KEY");
        ok(s, "ALTER MASTER KEY FORCE REGENERATE WITH ENCRYPTION BY PASSWORD = 'Forced#Pass-3'");
        ok(s, "ALTER MASTER KEY DROP ENCRYPTION BY SERVICE MASTER KEY");
        assertThat(scalar(s, "SELECT is_master_key_encrypted_by_server FROM sys.databases WHERE name = 'master'")).isEqualTo(false);
    }

    @Test
    void ownershipUserMappingAndCertificateUsers() {
        ok(s, "CREATE CERTIFICATE signer WITH SUBJECT = 'signer';\n"
            + "CREATE USER signer_user FROM CERTIFICATE signer;\n"
            + "CREATE LOGIN old_login WITH PASSWORD = 'Old#Login-77'; CREATE LOGIN new_login WITH PASSWORD = 'New#Login-77';\n"
            + "CREATE USER app_user FOR LOGIN old_login;\n"
            + "ALTER USER app_user WITH LOGIN = new_login, NAME = app_user2;\n"
            + "ALTER AUTHORIZATION ON CERTIFICATE::signer TO app_user2;");
        assertThat(scalar(s, "SELECT type_desc FROM sys.database_principals WHERE name = 'signer_user'")).isEqualTo("CERTIFICATE_MAPPED_USER");
        assertThat(scalar(s, "SELECT SUSER_SNAME(sid) FROM sys.database_principals WHERE name = 'app_user2'")).isEqualTo("new_login");
        ok(s, "CREATE DATABASE Owned; ALTER AUTHORIZATION ON DATABASE::Owned TO new_login;");
        assertThat(scalar(s, "SELECT SUSER_SNAME(owner_sid) FROM sys.databases WHERE name = 'Owned'")).isEqualTo("new_login");
        ok(s, "ALTER AUTHORIZATION ON DATABASE::[Owned] TO [sa]");
        assertThat(scalar(s, "SELECT SUSER_SNAME(owner_sid) FROM sys.databases WHERE name = 'Owned'")).isEqualTo("sa");
    }

    @Test
    void databaseBackupRestoreAndOptionForms() {
        ok(s, "CREATE DATABASE Sales ON PRIMARY (NAME = Sales_data, FILENAME = 'D:\\data\\Sales.mdf', SIZE = 64MB)"
            + " LOG ON (NAME = Sales_log, FILENAME = 'E:\\log\\Sales.ldf') COLLATE SQL_Latin1_General_CP1_CI_AS;\n"
            + "ALTER DATABASE Sales SET RECOVERY FULL WITH NO_WAIT;\n"
            + "ALTER DATABASE [Sales] SET TRUSTWORTHY OFF, PAGE_VERIFY CHECKSUM WITH ROLLBACK IMMEDIATE;\n"
            + "ALTER DATABASE Sales SET COMPATIBILITY_LEVEL = 160;\n"
            + "BACKUP DATABASE Sales TO DISK = N'C:\\Backup\\Sales.bak' WITH INIT, FORMAT, COMPRESSION, STATS = 10, NAME = N'Sales full';\n"
            + "DECLARE @log nvarchar(260) = N'C:\\Backup\\Sales.trn';\n"
            + "BACKUP LOG Sales TO DISK = @log WITH NOINIT, CHECKSUM;");
        SqlSession b = fleet.instance("HOST_B").adminSession();
        ok(b, "RESTORE DATABASE Sales FROM DISK = N'C:\\Backup\\Sales.bak' WITH FILE = 1, "
            + "MOVE N'Sales_data' TO N'D:\\data\\Sales.mdf', MOVE 'Sales_log' TO 'E:\\log\\Sales.ldf', NORECOVERY, REPLACE, STATS = 5;\n"
            + "RESTORE LOG Sales FROM DISK = 'c:\\backup\\sales.trn' WITH NORECOVERY;");
        assertThat(scalar(b, "SELECT state_desc FROM sys.databases WHERE name = 'Sales'")).isEqualTo("RESTORING");
    }

    @Test
    void scriptHelpersDropIfExistsWaitforAndSqlLogins() {
        ok(s, "CREATE LOGIN policy_off WITH PASSWORD = 'Pol#Login-77', CHECK_POLICY = OFF;\n"
            + "IF NOT EXISTS (SELECT * FROM sys.sql_logins WHERE name = N'policy_off') CREATE LOGIN policy_off WITH PASSWORD = 'x';\n"
            + "WAITFOR DELAY '00:00:02';\n"
            + "DROP USER IF EXISTS nobody_here; DROP DATABASE IF EXISTS NoSuchDb;");
        assertThat(rows(ok(s, "SELECT name, is_policy_checked, is_expiration_checked FROM sys.sql_logins WHERE name = 'policy_off'")).rows())
            .containsExactly(List.of("policy_off", false, false));
        ok(s, "ALTER LOGIN policy_off WITH CHECK_POLICY = ON, CHECK_EXPIRATION = ON");
        assertThat(scalar(s, "SELECT is_expiration_checked FROM sys.sql_logins WHERE name = 'policy_off'")).isEqualTo(true);
        assertThat(scalar(s, "SELECT COUNT(*) FROM sys.sql_logins WHERE name = 'sysadmin'")).isEqualTo(0);
        assertThat(EngineTestSupport.firstError(EngineTestSupport.run(s, "WAITFOR DELAY 'soon'")).number()).isEqualTo(148);
        assertThat(EngineTestSupport.firstError(EngineTestSupport.run(s, "DROP USER nobody_here")).number()).isEqualTo(15151);
    }
}
