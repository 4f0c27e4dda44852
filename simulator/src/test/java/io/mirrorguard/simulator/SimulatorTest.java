package io.mirrorguard.simulator;

import io.mirrorguard.simulator.scenario.ScenarioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorTest {

    @TempDir
    Path dir;

    @Test
    void startsTheScenarioServesEachInstanceAndClosesCleanly() throws Exception {
        List<String> info = new ArrayList<>();
        Path config = dir.resolve("conf/mirrorguard.yml");
        SimulatorRun run = Simulator.start(SimulatorOptions.of("classpath:procedure-two-partners-witness")
                .withNow(Instant.parse("2026-11-26T12:00:00Z")).withInventoryOut(config).withInfo(info::add));
        Map<String, Integer> ports;
        try (run) {
            ports = run.ports();
            assertThat(ports.keySet()).containsExactly("SQLA", "SQLB", "SQLW");
            assertThat(run.port("sqlw")).isEqualTo(ports.get("SQLW"));
            assertThat(run.trustStore()).isEqualTo(config.getParent().resolve("mirrorguard-simulator-truststore.p12"));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(run.trustStore())) {
                ks.load(in, "changeit".toCharArray());
            }
            assertThat(ks.size()).isEqualTo(1);
            assertThat(Files.readString(config)).contains("port: " + ports.get("SQLB"));

            // What the agent will do: TLS verified against the trust store, audit login.
            String url = "jdbc:sqlserver://127.0.0.1:" + ports.get("SQLA") + ";encrypt=true;trustServerCertificate=false"
                    + ";hostNameInCertificate=localhost;trustStore=" + run.trustStore()
                    + ";trustStorePassword=changeit;trustStoreType=PKCS12;loginTimeout=10";
            try (Connection c = DriverManager.getConnection(url, "mirrorguard_audit", "MirrorGuard!Audit1");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT @@SERVERNAME")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("SQLA");
            }
        }
        for (int port : ports.values()) assertRefused(port);
    }

    @Test
    void aFailingScenarioOpensNoListener() throws IOException {
        int base = freePortRange(3);
        Path bad = dir.resolve("bad.sql");
        Files.writeString(bad, ":CONNECT SQLA\nSELECT 1;\nGO\n:CONNECT SQLB\nUSE master;\nDROP ENDPOINT [no such endpoint];\n");
        assertThatThrownBy(() -> Simulator.start(SimulatorOptions.of(bad.toString()).withBasePort(base)))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(bad + ":6: instance SQLB: Msg ");
        assertRefused(base);
        assertRefused(base + 1);
    }

    @Test
    void basePortNumbersInstancesInScenarioOrder() throws IOException {
        int base = freePortRange(3);
        try (SimulatorRun run = Simulator.start(SimulatorOptions.of("classpath:procedure-two-partners-witness")
                .withBasePort(base))) {
            assertThat(run.ports()).containsExactly(Map.entry("SQLA", base), Map.entry("SQLB", base + 1),
                    Map.entry("SQLW", base + 2));
        }
    }

    @Test
    void faultsAreActiveOnlyAfterTheScenario() {
        try (SimulatorRun run = Simulator.start(SimulatorOptions.of("classpath:faults"))) {
            assertThat(run.fleet().instance("SQLF1").fault().kind()).isEqualTo(io.mirrorguard.simulator.api.Fault.Kind.UNREACHABLE);
            assertThat(run.fleet().instance("SQLF3").fault().millis()).isEqualTo(1500);
            assertThat(run.fleet().instance("SQLOK").fault()).isEqualTo(io.mirrorguard.simulator.api.Fault.NONE);
        }
    }

    static void assertRefused(int port) {
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    /** A base port whose next {@code n} ports are free right now (best effort, as any port pick). */
    static int freePortRange(int n) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket s = new ServerSocket(0)) {
                base = s.getLocalPort();
            }
            if (base + n > 65535) continue;
            boolean free = true;
            for (int i = 1; i < n && free; i++) {
                try (ServerSocket s = new ServerSocket(base + i)) {
                    free = true;
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) return base;
        }
        throw new IOException("no free port range");
    }
}
