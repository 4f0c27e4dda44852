package io.mirrorguard.simulator.tds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Many servers in one process share one accept thread; close() releases ports and live connections. */
class TdsServerLifecycleTest {

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }

    @Test
    void hundredsOfServersShareOneAcceptThreadAndCloseCleanly() throws Exception {
        FakeBackend backend = new FakeBackend();
        int before = Thread.activeCount();
        List<TdsServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                servers.add(TdsServer.start(backend, new InetSocketAddress("127.0.0.1", 0), TestTls.MATERIAL));
            }
            Set<Integer> ports = new HashSet<>();
            servers.forEach(s -> ports.add(s.port()));
            assertThat(ports).hasSize(300);
            assertThat(threadsNamed("tds-accept")).isEqualTo(1);
            assertThat(Thread.activeCount()).isLessThan(before + 10);
            for (TdsServer s : List.of(servers.get(0), servers.get(150), servers.get(299))) {
                String url = "jdbc:sqlserver://127.0.0.1:" + s.port() + ";encrypt=false;user=sa;password="
                        + FakeBackend.PASSWORD + ";loginTimeout=5";
                try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("select 1")) {
                    assertThat(rs.next()).isTrue();
                }
            }
        } finally {
            servers.forEach(TdsServer::close);
        }
        servers.forEach(TdsServer::close); // idempotent
        int port = servers.get(0).port();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (threadsNamed("tds-accept") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(threadsNamed("tds-accept")).as("accept thread ends with the last server").isZero();
    }

    @Test
    void closeEndsLiveConnections() throws Exception {
        FakeBackend backend = new FakeBackend();
        TdsServer server = TdsServer.start(backend, new InetSocketAddress("127.0.0.1", 0), TestTls.MATERIAL);
        String url = "jdbc:sqlserver://127.0.0.1:" + server.port() + ";encrypt=false;user=sa;password="
                + FakeBackend.PASSWORD + ";loginTimeout=5";
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(server.liveConnections()).isEqualTo(1);
            server.close();
            assertThat(server.liveConnections()).isZero();
            assertThat(backend.openSessions.get()).isZero();
            assertThat(c.isValid(2)).isFalse();
        }
    }

    @Test
    void bindFailureNamesTheAddress() throws IOException {
        TdsServer first = TdsServer.start(new FakeBackend(), new InetSocketAddress("127.0.0.1", 0), null);
        try {
            InetSocketAddress taken = new InetSocketAddress("127.0.0.1", first.port());
            assertThatThrownBy(() -> TdsServer.start(new FakeBackend(), taken, null))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(String.valueOf(first.port()))
                    .hasMessageContaining("SIMA");
        } finally {
            first.close();
        }
    }

    @Test
    void withoutTlsMaterialClientsThatDoNotNeedTlsStillConnect() throws Exception {
        TdsServer server = TdsServer.start(new FakeBackend(), new InetSocketAddress("127.0.0.1", 0), null);
        try {
            String url = "jdbc:sqlserver://127.0.0.1:" + server.port() + ";encrypt=false;user=sa;password="
                    + FakeBackend.PASSWORD + ";loginTimeout=5";
            try (Connection c = DriverManager.getConnection(url)) {
                assertThat(c.isValid(2)).isTrue();
            }
            String tlsUrl = url.replace("encrypt=false", "encrypt=true;trustServerCertificate=true");
            assertThatThrownBy(() -> DriverManager.getConnection(tlsUrl).close())
                    .isInstanceOf(java.sql.SQLException.class);
        } finally {
            server.close();
        }
    }
}
