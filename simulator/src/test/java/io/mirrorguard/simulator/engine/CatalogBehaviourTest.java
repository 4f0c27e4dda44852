package io.mirrorguard.simulator.engine;

import static io.mirrorguard.simulator.engine.EngineTestSupport.firstError;
import static io.mirrorguard.simulator.engine.EngineTestSupport.ok;
import static io.mirrorguard.simulator.engine.EngineTestSupport.rows;
import static io.mirrorguard.simulator.engine.EngineTestSupport.run;
import static io.mirrorguard.simulator.engine.EngineTestSupport.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.simulator.api.Fault;
import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlError;
import io.mirrorguard.simulator.api.SqlSession;
import io.mirrorguard.simulator.api.SqlType;
import io.mirrorguard.simulator.engine.catalog.CatalogSchema;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalog reads, visibility, faults, built-ins and documented errors. */
class CatalogBehaviourTest {

    @TempDir
    Path files;
    SimulatedInstance inst;
    SqlSession sa;

    @BeforeEach
    void setUp() {
        inst = EngineTestSupport.fleet(files).instance("SQLA");
        sa = EngineTestSupport.outboundSa(inst);
    }

    @Test
    void everyViewMatchesTheDocumentedColumnsAndTypes() {
        for (CatalogSchema.View v : CatalogSchema.get().views().values()) {
            ResultItem.Rows r = rows(ok(sa, "SELECT * FROM master." + v.name()));
            assertThat(r.columns()).as(v.name()).hasSize(v.columns().size());
            for (int i = 0; i < r.columns().size(); i++) {
                CatalogSchema.Column doc = v.columns().get(i);
                assertThat(r.columns().get(i).name()).as(v.name()).isEqualToIgnoringCase(doc.name());
                assertThat(r.columns().get(i).type()).as(v.name() + "." + doc.name()).isEqualTo(doc.type());
            }
        }
        assertThat(rows(ok(sa, "SELECT name FROM sys.server_principals")).columns().get(0).type()).isEqualTo(SqlType.SYSNAME);
    }

    @Test
    void certencodedParsesAndThumbprintIsSha1() throws Exception {
        ResultItem.Rows r = rows(ok(sa, "SELECT CERTENCODED(CERT_ID('SQLA_cert')), thumbprint, pvt_key_encryption_type, subject "
            + "FROM master.sys.certificates WHERE name = N'SQLA_cert'"));
        byte[] der = (byte[]) r.rows().get(0).get(0);
        X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        assertThat(x.getSubjectX500Principal().getName()).isEqualTo("CN=SQLA certificate for database mirroring");
        assertThat(x.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat((byte[]) r.rows().get(0).get(1)).isEqualTo(MessageDigest.getInstance("SHA-1").digest(der));
        assertThat(r.rows().get(0).get(2)).isEqualTo("MK");
        assertThat(r.rows().get(0).get(3)).isEqualTo("SQLA certificate for database mirroring");
    }

    @Test
    void auditLoginSeesCatalogButNotAsSysadmin() {
        SqlSession audit = inst.login("mirrorguard_audit", "MirrorGuard!Audit1");
        assertThat(scalar(audit, "SELECT COUNT(*) FROM sys.database_mirroring_endpoints")).isEqualTo(1);
        assertThat(scalar(audit, "SELECT COUNT(*) FROM master.sys.certificates")).isEqualTo(1);
        assertThat(scalar(audit, "SELECT COUNT(*) FROM sys.dm_db_mirroring_connections")).isEqualTo(0);
        assertThat(scalar(audit, "SELECT IS_SRVROLEMEMBER('sysadmin')")).isEqualTo(0);
        assertThat(rows(ok(audit, "SELECT RTRIM(p.type) FROM sys.server_permissions p JOIN sys.server_principals s "
            + "ON p.grantee_principal_id = s.principal_id WHERE s.name = SUSER_SNAME() ORDER BY 1")).rows())
            .containsExactly(List.of("COSQ"), List.of("VWAD"), List.of("VWSS"));
    }

    @Test
    void hideCatalogFaultTakesTheAuditPermissionsAway() {
        SqlSession audit = inst.login("mirrorguard_audit", "MirrorGuard!Audit1");
        inst.setFault(new Fault(Fault.Kind.HIDE_CATALOG, 0));
        assertThat(scalar(audit, "SELECT COUNT(*) FROM sys.database_mirroring_endpoints")).isEqualTo(0);
        assertThat(scalar(audit, "SELECT COUNT(*) FROM master.sys.certificates")).isEqualTo(0);
        ResultItem.Message e = firstError(run(audit, "SELECT * FROM sys.dm_db_mirroring_connections"));
        assertThat(e.number()).isEqualTo(300);
        assertThat(e.text()).isEqualTo("VIEW SERVER STATE permission was denied on object 'server', database 'master'.");
        assertThat(scalar(sa, "SELECT COUNT(*) FROM sys.database_mirroring_endpoints")).isEqualTo(1);
    }

    @Test
    void unknownObjectsColumnsAndSyntaxAreErrors() {
        assertThat(firstError(run(sa, "SELECT * FROM sys.nosuch")).number()).isEqualTo(208);
        assertThat(firstError(run(sa, "SELECT nosuch FROM sys.endpoints")).number()).isEqualTo(207);
        assertThat(firstError(run(sa, "SELEC 1")).number()).isEqualTo(102);
        assertThat(firstError(run(sa, "SELECT @x")).number()).isEqualTo(137);
    }

    @Test
    void documentedSecurityErrors() {
        assertThat(firstError(run(sa, "CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'x!Y1234567'")).number()).isEqualTo(15578);
        ok(sa, "CREATE DATABASE nokey");
        assertThat(firstError(run(sa, "USE nokey; CREATE CERTIFICATE c WITH SUBJECT = 'c'")).number()).isEqualTo(15581);
        assertThat(firstError(run(sa, "USE master; CREATE LOGIN mirrorguard_audit WITH PASSWORD = 'a!B12345678'")).number()).isEqualTo(15025);
        assertThat(firstError(run(sa, "DROP CERTIFICATE SQLA_cert")).number()).isEqualTo(15352);
        assertThat(firstError(run(sa, "DROP ENDPOINT nosuch")).number()).isEqualTo(15151);
        assertThat(firstError(run(sa, "CREATE ENDPOINT e2 AS TCP (LISTENER_PORT = 5023) FOR DATABASE_MIRRORING (ROLE = ALL)")).number())
            .isEqualTo(7862);
        assertThat(firstError(run(sa, "BEGIN TRAN; ALTER ENDPOINT Endpoint_Mirroring STATE = STOPPED; ROLLBACK")).number()).isEqualTo(574);
        ok(sa, "CREATE LOGIN p WITH PASSWORD = 'p!P12345678'; CREATE USER p_user FOR LOGIN p;"
            + "CREATE CERTIFICATE pc AUTHORIZATION p_user FROM FILE = 'C:\\SQLA_cert.cer'");
        assertThat(firstError(run(sa, "DROP USER p_user")).number()).isEqualTo(15138);
        assertThat(firstError(run(sa, "CREATE USER p_user2 FOR LOGIN p")).number()).isEqualTo(15063);
    }

    @Test
    void lowPrivilegeLoginCannotAlterEndpoint() {
        ok(sa, "CREATE LOGIN low WITH PASSWORD = 'Low!Passw0rd1'");
        SqlSession low = inst.login("low", "Low!Passw0rd1");
        ResultItem.Message e = firstError(run(low, "ALTER ENDPOINT Endpoint_Mirroring STATE = STOPPED"));
        assertThat(e.number()).isEqualTo(15151);
        assertThat(scalar(low, "SELECT COUNT(*) FROM sys.database_mirroring_endpoints")).isEqualTo(0);
        assertThat(scalar(low, "SELECT COUNT(*) FROM sys.endpoints WHERE type = 2")).isEqualTo(4);
        ok(sa, "GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO low");
        assertThat(scalar(low, "SELECT COUNT(*) FROM sys.database_mirroring_endpoints")).isEqualTo(1);
    }

    @Test
    void builtinsVariablesAndControlFlow() {
        assertThat(scalar(sa, "SELECT @@SERVERNAME")).isEqualTo("SQLA");
        assertThat(scalar(sa, "SELECT SERVERPROPERTY('ProductMajorVersion')")).isEqualTo("16");
        assertThat(scalar(sa, "DECLARE @n sysname = N'x]y'; SELECT QUOTENAME(@n)")).isEqualTo("[x]]y]");
        assertThat(scalar(sa, "SELECT CONVERT(varchar(10), 0x0A0B, 1)")).isEqualTo("0x0A0B");
        assertThat(scalar(sa, "SELECT DATEDIFF(day, GETUTCDATE(), expiry_date) FROM master.sys.certificates WHERE name = 'SQLA_cert'"))
            .isInstanceOf(Integer.class);
        var r = ok(sa, "DECLARE @c int; SELECT @c = COUNT(*) FROM sys.certificates;\n"
            + "IF NOT EXISTS (SELECT 1 FROM sys.symmetric_keys WHERE symmetric_key_id = 101) BEGIN PRINT 'no key' END\n"
            + "ELSE BEGIN PRINT 'key ' + CAST(@c AS varchar(10)) END");
        assertThat(r.items()).anyMatch(i -> i instanceof ResultItem.Message m && m.text().equals("key 1"));
        assertThat(inst.receivedBatches()).isNotEmpty();
    }

    @Test
    void applocksFollowDocumentedReturnCodes() {
        SqlSession other = inst.adminSession();
        assertThat(scalar(sa, "DECLARE @r int; EXEC @r = sp_getapplock @Resource = 'mg', @LockMode = 'Exclusive', "
            + "@LockOwner = 'Session', @LockTimeout = 0; SELECT @r")).isEqualTo(0);
        assertThat(scalar(other, "DECLARE @r int; EXEC @r = sp_getapplock @Resource = 'mg', @LockMode = 'Exclusive', "
            + "@LockOwner = 'Session', @LockTimeout = 0; SELECT @r")).isEqualTo(-1);
        assertThat(scalar(sa, "DECLARE @r int; EXEC @r = sp_releaseapplock @Resource = 'mg', @LockOwner = 'Session'; SELECT @r")).isEqualTo(0);
        assertThat(firstError(run(sa, "EXEC sp_releaseapplock @Resource = 'mg', @LockOwner = 'Session'")).number()).isEqualTo(1223);
    }

    @Test
    void loginRejectsWrongPassword() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> inst.login("sa", "wrong"))
            .isInstanceOf(SqlError.class).extracting(e -> ((SqlError) e).number()).isEqualTo(18456);
    }
}
