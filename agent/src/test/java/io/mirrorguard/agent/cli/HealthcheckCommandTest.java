package io.mirrorguard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.daemon.AuditService;
import io.mirrorguard.agent.daemon.InstanceSpec;
import io.mirrorguard.agent.http.ApiServer;
import io.mirrorguard.agent.http.ApiSettings;
import io.mirrorguard.agent.http.LatestReport;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.testing.Facts;
import io.mirrorguard.agent.testing.FakeEvaluator;
import io.mirrorguard.rules.model.Target;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** healthcheck follows the config's http.port and TLS instead of assuming http on 9440. */
class HealthcheckCommandTest {
    @TempDir
    Path dir;

    private Path config(int port, String tls) throws Exception {
        Files.writeString(dir.resolve("pw"), "pw");
        Path file = dir.resolve("mirrorguard.yml");
        Files.writeString(file, """
                instances:
                  - name: SQLA
                    host: 127.0.0.1
                    auth: {type: sql, user: audit, password: "${file:pw}"}
                http:
                  bind: 0.0.0.0
                  port: %d
                %s""".formatted(port, tls));
        return file;
    }

    private static ApiServer server(ApiSettings.Tls tls, AuditService service, AgentMetrics metrics) {
        return new ApiServer(new ApiSettings("127.0.0.1", 0, List.of(), tls, 1, Duration.ofSeconds(1)), service,
                metrics, List::of, List::of, new LatestReport(List.of(), "test")).start();
    }

    private static AuditService service(AgentMetrics metrics) {
        return new AuditService(List.of(new InstanceSpec(Target.named("SQLA"), Duration.ofSeconds(5))), List.of(),
                Facts::instance, new FakeEvaluator(), null, metrics, Clock.systemUTC(), 1, Duration.ofDays(1));
    }

    @Test
    void healthy_on_the_configured_port_and_unhealthy_when_nothing_answers() throws Exception {
        try (AgentMetrics metrics = new AgentMetrics("t"); AuditService service = service(metrics);
             ApiServer server = server(null, service, metrics)) {
            CliRun ok = CliRun.of("healthcheck", "--config", config(server.port(), "").toString());
            assertThat(ok.exitCode()).as(ok.err()).isZero();
            assertThat(ok.out()).contains("healthy: http://127.0.0.1:" + server.port() + "/healthz");
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CliRun down = CliRun.of("healthcheck", "--config", config(closed, "").toString(), "--timeout-seconds", "2");
        assertThat(down.exitCode()).isEqualTo(HealthcheckCommand.UNHEALTHY);
        assertThat(down.err()).contains("unhealthy: http://127.0.0.1:" + closed);
    }

    @Test
    void with_http_tls_it_asks_over_https_trusting_the_configured_key_store() throws Exception {
        Path ks = dir.resolve("api.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "api", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=mirrorguard.example", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Files.writeString(dir.resolve("kspw"), "changeit");
        try (AgentMetrics metrics = new AgentMetrics("t"); AuditService service = service(metrics);
             ApiServer server = server(new ApiSettings.Tls(ks, "changeit", "PKCS12"), service, metrics)) {
            CliRun ok = CliRun.of("healthcheck", "--config", config(server.port(),
                    "  tls: {keystore: api.p12, password: \"${file:kspw}\"}\n").toString());
            assertThat(ok.exitCode()).as(ok.err()).isZero();
            assertThat(ok.out()).contains("healthy: https://127.0.0.1:" + server.port() + "/healthz");
        }
    }

    @Test
    void wildcard_and_ipv6_binds_are_asked_on_loopback() {
        assertThat(HealthcheckCommand.loopbackFor("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(HealthcheckCommand.loopbackFor("::")).isEqualTo("[::1]");
        assertThat(HealthcheckCommand.loopbackFor("10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(HealthcheckCommand.loopbackFor("fd00::5")).isEqualTo("[fd00::5]");
    }
}
