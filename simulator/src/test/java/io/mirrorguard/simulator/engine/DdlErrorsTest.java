package io.mirrorguard.simulator.engine;

import static io.mirrorguard.simulator.engine.EngineTestSupport.errors;
import static io.mirrorguard.simulator.engine.EngineTestSupport.firstError;
import static io.mirrorguard.simulator.engine.EngineTestSupport.ok;
import static io.mirrorguard.simulator.engine.EngineTestSupport.rows;
import static io.mirrorguard.simulator.engine.EngineTestSupport.run;
import static io.mirrorguard.simulator.engine.EngineTestSupport.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.simulator.api.BatchResult;
import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlSession;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What SQL Server refuses in the security DDL, with its message number, severity and text (sys.messages). */
class DdlErrorsTest {

    @TempDir
    Path files;
    SimulatedFleet fleet;
    SqlSession s;

    @BeforeEach
    void setUp() {
        fleet = new SimulatedFleet(Instant.parse("2026-03-02T09:00:00Z"), files, "MirrorGuard!Sa1");
        s = fleet.instance("HOST_A").adminSession();
        ok(s, "USE master; CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'Dmk#Pass-42';\n"
            + "CREATE CERTIFICATE ep_cert WITH SUBJECT = 'ep';\n"
            + "CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 5022)\n"
            + "  FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE ep_cert, ROLE = ALL);");
    }

    private static void assertError(BatchResult r, int number, int severity, String text) {
        ResultItem.Message m = firstError(r);
        assertThat(m.number()).isEqualTo(number);
        assertThat(m.severity()).isEqualTo(severity);
        assertThat(m.text()).isEqualTo(text);
    }

    private void fails(String sql, int number, String text) {
        assertError(run(s, sql), number, 16, text);
    }

    @Test
    void endpointRules() {
        fails("CREATE ENDPOINT Second AS TCP (LISTENER_PORT = 5023) FOR DATABASE_MIRRORING (ROLE = WITNESS)", 7862,
            "An endpoint of the requested type already exists. Only one endpoint of this type is supported. "
                + "Use ALTER ENDPOINT or DROP the existing endpoint and execute the CREATE ENDPOINT statement.");
        ok(s, "DROP ENDPOINT Mirroring");
        BatchResult inTran = run(s, "BEGIN TRAN; CREATE ENDPOINT Mirroring AS TCP (LISTENER_PORT = 5022) "
            + "FOR DATABASE_MIRRORING (ROLE = ALL); ROLLBACK");
        ResultItem.Message m = firstError(inTran);
        assertThat(m.number()).isEqualTo(574);
        assertThat(m.text()).isEqualTo("CREATE ENDPOINT statement cannot be used inside a user transaction.");
        fails("CREATE ENDPOINT e AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING "
            + "(AUTHENTICATION = CERTIFICATE nowhere, ROLE = ALL)", 15151,
            "Cannot find the certificate 'nowhere', because it does not exist or you do not have permission.");
        assertThat(scalar(s, "SELECT COUNT(*) FROM sys.database_mirroring_endpoints")).isEqualTo(0);
        fails("ALTER ENDPOINT nowhere STATE = STARTED", 15151,
            "Cannot alter the endpoint 'nowhere', because it does not exist or you do not have permission.");
    }

    @Test
    void syntaxErrorsNameTheOffendingToken() {
        assertError(run(s, "CREATE ENDPOINT e AS TCP (LISTENER_PORT = 5023, LISTENER_PORT = 5024) FOR DATABASE_MIRRORING (ROLE = ALL)"),
            102, 15, "Incorrect syntax near 'LISTENER_PORT'.");
        assertError(run(s, "ALTER ENDPOINT Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM DES)"),
            102, 15, "Incorrect syntax near 'DES'.");
        assertError(run(s, "CREATE LOGIN x WITH PASSWORD = 'Pw#12345678', CHECK_POLICY = MAYBE"), 102, 15, "Incorrect syntax near 'MAYBE'.");
        assertError(run(s, "CREATE LOGIN x WITH PASSWORD = 'Pw#12345678', COLOR = 1"), 102, 15, "Incorrect syntax near 'COLOR'.");
        assertError(run(s, "ALTER DATABASE master SET FAVOURITE ON"), 102, 15, "Incorrect syntax near 'FAVOURITE'.");
        assertThat(scalar(s, "SELECT COUNT(*) FROM sys.server_principals WHERE name = 'x'")).isEqualTo(0);
    }

    @Test
    void duplicates() {
        ok(s, "CREATE LOGIN peer WITH PASSWORD = 'Peer#Login-77'; CREATE USER peer_user FOR LOGIN peer");
        fails("CREATE LOGIN PEER WITH PASSWORD = 'Peer#Login-77'", 15025, "The server principal 'PEER' already exists.");
        fails("CREATE USER peer_user WITHOUT LOGIN", 15023, "User, group, or role 'peer_user' already exists in the current database.");
        fails("CREATE USER other FOR LOGIN peer", 15063, "The login already has an account under a different user name.");
        fails("CREATE CERTIFICATE EP_CERT WITH SUBJECT = 'again'", 15232,
            "A certificate with name 'EP_CERT' already exists or this certificate already has been added to the database.");
        fails("CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'Another#Pass-1'", 15578,
            "There is already a master key in the database. Please drop it before performing this statement.");
        fails("CREATE USER ghost FOR LOGIN ghost", 15007, "'ghost' is not a valid login or you do not have permission.");
    }

    @Test
    void loginOptionRules() {
        fails("CREATE LOGIN a1 WITH PASSWORD = 'Pw#12345678' MUST_CHANGE", 15099,
            "The MUST_CHANGE option cannot be used when CHECK_EXPIRATION is OFF.");
        fails("CREATE LOGIN a2 WITH PASSWORD = 'Pw#12345678', CHECK_EXPIRATION = ON, CHECK_POLICY = OFF", 15122,
            "The CHECK_EXPIRATION option cannot be used when CHECK_POLICY is OFF.");
        fails("CREATE LOGIN a3 WITH PASSWORD = 'Pw#12345678', SID = 0x0102", 15419, "Supplied parameter sid should be binary(16).");
        ok(s, "CREATE LOGIN a4 WITH PASSWORD = 'Pw#12345678', SID = 0x0102030405060708090A0B0C0D0E0F10");
        fails("CREATE LOGIN a5 WITH PASSWORD = 'Pw#12345678', SID = 0x0102030405060708090A0B0C0D0E0F10", 15433,
            "Supplied parameter sid is in use.");
    }

    @Test
    void droppingPrincipalsThatOwnOrGrantThings() {
        ok(s, "CREATE LOGIN owner_login WITH PASSWORD = 'Own#Login-77';\n"
            + "ALTER AUTHORIZATION ON ENDPOINT::Mirroring TO owner_login;");
        fails("DROP LOGIN owner_login", 15141, "The server principal owns one or more endpoint(s) and cannot be dropped.");
        ok(s, "ALTER AUTHORIZATION ON ENDPOINT::Mirroring TO sa; CREATE DATABASE Owned; ALTER AUTHORIZATION ON DATABASE::Owned TO owner_login");
        fails("DROP LOGIN owner_login", 15174,
            "Login 'owner_login' owns one or more database(s). Change the owner of the database(s) before dropping the login.");
        ok(s, "ALTER AUTHORIZATION ON DATABASE::Owned TO sa; CREATE LOGIN granter WITH PASSWORD = 'Grant#Login-77';"
            + " GRANT CONTROL SERVER TO granter; CREATE LOGIN grantee WITH PASSWORD = 'Grant#Login-77'");
        SqlSession g = fleet.instance("HOST_A").login("granter", "Grant#Login-77");
        ok(g, "GRANT VIEW SERVER STATE TO grantee");
        g.close();
        fails("DROP LOGIN granter", 15173,
            "Server principal 'granter' has granted one or more permission(s). Revoke the permission(s) before dropping the server principal.");
        ok(s, "DROP LOGIN owner_login");
        ok(s, "CREATE LOGIN peer WITH PASSWORD = 'Peer#Login-77'; CREATE USER peer_user FOR LOGIN peer;"
            + " CREATE CERTIFICATE peer_cert AUTHORIZATION peer_user WITH SUBJECT = 'p'");
        fails("DROP USER peer_user", 15138, "The database principal owns a certificate in the database, and cannot be dropped.");
        fails("ALTER AUTHORIZATION ON DATABASE::master TO peer", 15109,
            "Cannot change the owner of the master, model, tempdb or distribution database.");
    }

    @Test
    void certificateFilesAndDates() {
        fails("CREATE CERTIFICATE lost FROM FILE = 'C:\\nowhere\\lost.cer'", 15208,
            "The certificate, asymmetric key, or private key file does not exist or has invalid format.");
        fails("CREATE CERTIFICATE escape FROM FILE = 'C:\\..\\..\\..\\etc\\hosts'", 15208,
            "The certificate, asymmetric key, or private key file does not exist or has invalid format.");
        ok(s, "BACKUP CERTIFICATE ep_cert TO FILE = 'C:\\ep.cer'");
        fails("BACKUP CERTIFICATE ep_cert TO FILE = 'c:\\EP.cer'", 15240,
            "Cannot write into file 'c:\\EP.cer'. Verify that you have write permissions, that the file path is valid, and that the file does not already exist.");
        fails("CREATE CERTIFICATE backwards WITH SUBJECT = 'b', START_DATE = '12/31/2030', EXPIRY_DATE = '1/1/2030'", 15213,
            "Warning: The certificate you created has an invalid validity period; its expiration date precedes its start date.");
        fails("CREATE CERTIFICATE baddate WITH SUBJECT = 'b', EXPIRY_DATE = 'someday'", 241,
            "Conversion failed when converting date and/or time from character string.");
        fails("CREATE CERTIFICATE baddate WITH SUBJECT = 'b', EXPIRY_DATE = '2/30/2031'", 242,
            "The conversion of a varchar data type to a datetime data type resulted in an out-of-range value.");
        // dd/mm/yyyy is not us_english: 31 is not a month
        fails("CREATE CERTIFICATE british WITH SUBJECT = 'b', EXPIRY_DATE = N'31/12/2031'", 242,
            "The conversion of a nvarchar data type to a datetime data type resulted in an out-of-range value.");
        assertThat(scalar(s, "SELECT COUNT(*) FROM sys.certificates WHERE name IN ('lost', 'escape', 'backwards', 'baddate', 'british')"))
            .isEqualTo(0);
    }

    @Test
    void serverRoleProcedures() {
        ok(s, "CREATE LOGIN ops WITH PASSWORD = 'Ops#Login-77'");
        BatchResult notFixed = run(s, "DECLARE @rc int; EXEC @rc = sp_addsrvrolemember 'ops', 'no_such_role'; SELECT @rc");
        assertError(notFixed, 15402, 11, "'no_such_role' is not a fixed server role.");
        assertThat(rows(notFixed).rows()).containsExactly(List.of(1));
        fails("EXEC sp_addsrvrolemember 'nobody', 'sysadmin'", 15007, "'nobody' is not a valid login or you do not have permission.");
        fails("BEGIN TRAN; EXEC sp_addsrvrolemember 'ops', 'sysadmin'; ROLLBACK", 15002,
            "The procedure 'sys.sp_addsrvrolemember' cannot be executed within a transaction.");
        assertThat(scalar(s, "SELECT IS_SRVROLEMEMBER('sysadmin', 'ops')")).isEqualTo(0);
        fails("ALTER SERVER ROLE sysadmin ADD MEMBER nobody", 15151,
            "Cannot add the principal 'nobody', because it does not exist or you do not have permission.");
    }

    @Test
    void grantsNeedMasterAndExistingTargets() {
        ok(s, "CREATE LOGIN peer WITH PASSWORD = 'Peer#Login-77'");
        fails("GRANT CONNECT ON ENDPOINT::Nowhere TO peer", 15151,
            "Cannot find the endpoint 'Nowhere', because it does not exist or you do not have permission.");
        fails("GRANT CONNECT ON ENDPOINT::Mirroring TO nobody", 15151,
            "Cannot find the login 'nobody', because it does not exist or you do not have permission.");
        ok(s, "CREATE DATABASE Sales");
        fails("USE Sales; GRANT CONNECT ON ENDPOINT::Mirroring TO peer", 4621,
            "Permissions at the server scope can only be granted when the current database is master");
    }

    @Test
    void databaseStatementsOutsideTransactionsOnly() {
        fails("BEGIN TRAN; CREATE DATABASE Sales; ROLLBACK", 226, "CREATE DATABASE statement not allowed within multi-statement transaction.");
        ok(s, "CREATE DATABASE Sales");
        fails("BEGIN TRAN; ALTER DATABASE Sales SET RECOVERY SIMPLE; ROLLBACK", 226,
            "ALTER DATABASE statement not allowed within multi-statement transaction.");
        fails("BEGIN TRAN; DROP DATABASE Sales; ROLLBACK", 574, "DROP DATABASE statement cannot be used inside a user transaction.");
        fails("USE Sales; DROP DATABASE Sales", 3702, "Cannot drop database \"Sales\" because it is currently in use.");
        ok(s, "USE master; DROP DATABASE Sales");
        fails("CREATE DATABASE master", 1801, "Database 'master' already exists. Choose a different database name.");
        fails("RESTORE DATABASE Sales FROM DISK = 'C:\\Backup\\missing.bak' WITH NORECOVERY", 3201,
            "Cannot open backup device 'C:\\Backup\\missing.bak'. Operating system error 2(The system cannot find the file specified.).");
        assertThat(errors(run(s, "ALTER DATABASE model SET COMPATIBILITY_LEVEL = 95"))).extracting(ResultItem.Message::number).containsExactly(15048);
    }
}
