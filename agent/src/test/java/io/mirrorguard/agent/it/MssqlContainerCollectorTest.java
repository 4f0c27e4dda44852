package io.mirrorguard.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.collector.InstanceCollector;
import io.mirrorguard.agent.config.AuthConfig;
import io.mirrorguard.agent.config.AuthType;
import io.mirrorguard.agent.config.EncryptMode;
import io.mirrorguard.agent.config.InstanceConfig;
import io.mirrorguard.agent.config.Secret;
import io.mirrorguard.agent.config.TlsConfig;
import io.mirrorguard.rules.model.CollectionFailure;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.SectionStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/**
 * The collector against real SQL Server 2022 containers (skipped without a Docker engine). Three containers named
 * SQLA, SQLB and SQLW share one network; the simulator's shipped procedure scenario runs on them in sqlcmd mode,
 * certificate and backup files are copied between containers after each batch (the scenario's C:\ paths are
 * mapped to a folder the mssql user owns), then the audit login is collected with the simulator's expectations.
 * SQL Server on Linux does not support database mirroring sessions, so SET PARTNER / SET WITNESS may fail there;
 * everything up to the session is still checked.
 */
@Testcontainers(disabledWithoutDocker = true)
class MssqlContainerCollectorTest {

    private static final String IMAGE = "mcr.microsoft.com/mssql/server:2022-latest";
    private static final String SA_PASSWORD = "MirrorGuard!Sa1";
    private static final String AUDIT_LOGIN = "mirrorguard_audit";
    private static final String AUDIT_PASSWORD = "MirrorGuard!Audit1";
    private static final String FILES = "/var/opt/mssql/mirrorguard/";
    private static final Map<String, String> PATHS = Map.of(
            "CertDir", FILES + "certs/", "KeyVaultDir", FILES + "keyvault/", "BackupDir", FILES + "backup/");

    private static final Network NETWORK = Network.newNetwork();

    @Container
    static final MSSQLServerContainer SQLA = server("SQLA");
    @Container
    static final MSSQLServerContainer SQLB = server("SQLB");
    @Container
    static final MSSQLServerContainer SQLW = server("SQLW");

    private static final Map<String, MSSQLServerContainer> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, String> SERVER_NAMES = new HashMap<>();
    private static boolean mirroringSession = true;

    private static MSSQLServerContainer server(String name) {
        return new MSSQLServerContainer(IMAGE)
                .acceptLicense()
                .withPassword(SA_PASSWORD)
                .withNetwork(NETWORK)
                .withNetworkAliases(name, name + ".corp.example")
                .withCreateContainerCmdModifier(cmd -> cmd.withHostName(name));
    }

    @BeforeAll
    static void applyProcedure() throws Exception {
        BY_NAME.put("SQLA", SQLA);
        BY_NAME.put("SQLB", SQLB);
        BY_NAME.put("SQLW", SQLW);
        Map<String, Connection> sa = new HashMap<>();
        try {
            for (var e : BY_NAME.entrySet()) {
                MSSQLServerContainer c = e.getValue();
                c.execInContainer("mkdir", "-p", FILES + "certs", FILES + "keyvault", FILES + "backup");
                Connection conn = DriverManager.getConnection(c.getJdbcUrl(), "sa", SA_PASSWORD);
                sa.put(e.getKey(), conn);
                try (Statement st = conn.createStatement()) {
                    st.execute("CREATE LOGIN " + AUDIT_LOGIN + " WITH PASSWORD = '" + AUDIT_PASSWORD + "'; "
                            + "GRANT VIEW ANY DEFINITION, VIEW SERVER STATE TO " + AUDIT_LOGIN + ";");
                    try (ResultSet rs = st.executeQuery("SELECT @@SERVERNAME")) {
                        rs.next();
                        SERVER_NAMES.put(e.getKey(), rs.getString(1));
                    }
                }
            }
            Set<String> copied = new HashSet<>();
            for (SqlcmdScript.Batch b : SqlcmdScript.fromClasspath("scenarios/procedure-two-partners-witness.sql", PATHS)) {
                try (Statement st = sa.get(b.instance()).createStatement()) {
                    for (int i = 0; i < b.repeat(); i++) {
                        st.execute(b.sql());
                    }
                } catch (SQLException ex) {
                    if (b.sql().contains("SET PARTNER") || b.sql().contains("SET WITNESS")) {
                        mirroringSession = false; // not supported by SQL Server on Linux
                        continue;
                    }
                    throw new AssertionError(b.source() + " on " + b.instance() + ": " + ex.getMessage(), ex);
                }
                copyNewFiles(b.instance(), copied);
            }
        } finally {
            for (Connection c : sa.values()) {
                c.close();
            }
        }
    }

    /** What BACKUP wrote on one container appears at the same path on the others. */
    private static void copyNewFiles(String from, Set<String> copied) throws Exception {
        MSSQLServerContainer source = BY_NAME.get(from);
        String listing = source.execInContainer("find", FILES, "-type", "f").getStdout();
        for (String path : listing.split("\n")) {
            path = path.trim();
            if (path.isEmpty() || !copied.add(path)) {
                continue;
            }
            byte[] content = source.copyFileFromContainer(path, in -> in.readAllBytes());
            for (var target : BY_NAME.entrySet()) {
                if (!target.getKey().equals(from)) {
                    target.getValue().copyFileToContainer(Transferable.of(content, 0644), path);
                }
            }
        }
    }

    @AfterAll
    static void closeNetwork() {
        NETWORK.close();
    }

    private static InstanceConfig config(String logical, String user, String password, Integer port) {
        MSSQLServerContainer c = BY_NAME.get(logical);
        // The image's certificate is self-signed and not in any trust store: encryption on, validation off here.
        TlsConfig tls = new TlsConfig(EncryptMode.TRUE, true, null, null, null, null);
        return new InstanceConfig(SERVER_NAMES.get(logical), c.getHost(),
                port != null ? port : c.getMappedPort(MSSQLServerContainer.MS_SQL_SERVER_PORT), null,
                new AuthConfig(AuthType.SQL, user, Secret.inline(password)), null, tls, 10, 30, List.of(), Map.of());
    }

    @Test
    void audit_login_reads_the_documented_procedure_in_one_round_trip() {
        Map<String, InstanceFacts> facts = new LinkedHashMap<>();
        Map<String, InstanceCollector> collectors = new LinkedHashMap<>();
        try {
            for (String name : BY_NAME.keySet()) {
                InstanceCollector c = new InstanceCollector(config(name, AUDIT_LOGIN, AUDIT_PASSWORD, null));
                collectors.put(name, c);
                facts.put(name, c.collect());
            }
            ProcedureExpectations.assertProcedure(facts, mirroringSession);
            InstanceCollector a = collectors.get("SQLA");
            InstanceFacts again = a.collect();
            assertThat(again.collection().succeeded()).isTrue();
            assertThat(a.logins()).isEqualTo(1);
            assertThat(a.statementsExecuted()).isEqualTo(2);
        } finally {
            collectors.values().forEach(InstanceCollector::close);
        }
    }

    @Test
    void login_without_view_any_definition_gets_not_visible_sections() throws SQLException {
        try (Connection conn = DriverManager.getConnection(SQLA.getJdbcUrl(), "sa", SA_PASSWORD);
             Statement st = conn.createStatement()) {
            st.execute("IF SUSER_ID('mg_lowpriv') IS NULL CREATE LOGIN mg_lowpriv WITH PASSWORD = 'Low!Priv-2026-x';");
        }
        try (InstanceCollector c = new InstanceCollector(config("SQLA", "mg_lowpriv", "Low!Priv-2026-x", null))) {
            InstanceFacts f = c.collect();
            assertThat(f.collection().succeeded()).isTrue();
            assertThat(f.certificates().status()).isEqualTo(SectionStatus.NOT_VISIBLE);
            assertThat(f.endpoints().status()).isEqualTo(SectionStatus.NOT_VISIBLE);
            assertThat(f.connections().status()).isEqualTo(SectionStatus.NOT_VISIBLE);
        }
    }

    @Test
    void wrong_password_is_login_failed_and_closed_port_unreachable() {
        try (InstanceCollector c = new InstanceCollector(config("SQLA", AUDIT_LOGIN, "wrong-password", null))) {
            InstanceFacts f = c.collect();
            assertThat(f.collection().failure()).isEqualTo(CollectionFailure.LOGIN_FAILED);
            assertThat(f.collection().reason()).doesNotContain("wrong-password");
        }
        try (InstanceCollector c = new InstanceCollector(config("SQLA", AUDIT_LOGIN, AUDIT_PASSWORD, 1))) {
            assertThat(c.collect().collection().failure()).isEqualTo(CollectionFailure.UNREACHABLE);
        }
    }
}
