package io.mirrorguard.simulator.tds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirrorguard.simulator.api.Fault;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The faults the wire layer injects: unreachable, login failure, slow responses and dropped connections. */
class TdsFaultTest {
    private final FakeBackend backend = new FakeBackend();
    private TdsServer server;

    @BeforeEach
    void start() {
        server = TdsServer.start(backend, new InetSocketAddress("127.0.0.1", 0), TestTls.MATERIAL);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url() {
        return "jdbc:sqlserver://127.0.0.1:" + server.port() + ";encrypt=true;" + TestTls.validatingJdbcProps()
                + ";user=sa;password=" + FakeBackend.PASSWORD + ";loginTimeout=5";
    }

    @Test
    void unreachableRefusesNewConnectionsWithoutATdsAnswer() throws Exception {
        backend.fault = new Fault(Fault.Kind.UNREACHABLE, 0);
        assertThatThrownBy(() -> DriverManager.getConnection(url()).close()).isInstanceOf(SQLException.class);
        try (RawTdsClient raw = new RawTdsClient(server.port())) {
            assertThat(raw.serverClosed(5000)).isTrue();
        }
        backend.fault = Fault.NONE;
        try (Connection c = DriverManager.getConnection(url())) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void loginFailedRejectsEveryLoginWith18456() {
        backend.fault = new Fault(Fault.Kind.LOGIN_FAILED, 0);
        assertThatThrownBy(() -> DriverManager.getConnection(url()).close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(18456);
                    assertThat(e.getMessage()).startsWith("Login failed for user 'sa'.");
                });
        assertThat(backend.openSessions.get()).isZero();
    }

    @Test
    void slowDelaysResponsesAndAttentionCutsTheDelayShort() throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            backend.fault = new Fault(Fault.Kind.SLOW, 200);
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
            backend.fault = new Fault(Fault.Kind.SLOW, 60_000);
            s.setQueryTimeout(1);
            assertThatThrownBy(() -> s.executeQuery("select 1")).isInstanceOf(SQLTimeoutException.class);
            backend.fault = Fault.NONE;
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void dropConnectionClosesTheSocketInsideTheFirstRows() throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            backend.fault = new Fault(Fault.Kind.DROP_CONNECTION, 0);
            assertThat(s.executeUpdate("update")).isEqualTo(5);
            assertThatThrownBy(() -> {
                try (ResultSet rs = s.executeQuery("big")) {
                    while (rs.next()) {
                        rs.getString(2);
                    }
                }
            }).isInstanceOf(SQLException.class);
            assertThat(c.isValid(2)).isFalse();
        }
    }
}
