package io.mirrorguard.agent.http;

import io.mirrorguard.agent.daemon.AuditService;
import io.mirrorguard.agent.daemon.InstanceSpec;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.testing.Facts;
import io.mirrorguard.agent.testing.FakeEvaluator;
import io.mirrorguard.rules.model.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API over TLS from a configured key store (Jetty connector, no plugin). */
class ApiServerTlsTest {
    @TempDir
    Path dir;

    @Test
    void serves_https_with_the_configured_key_store_and_no_plain_http() throws Exception {
        Path ks = dir.resolve("api.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "api", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        try (AgentMetrics metrics = new AgentMetrics("t");
             AuditService service = new AuditService(
                     List.of(new InstanceSpec(Target.named("SQLA"), Duration.ofSeconds(5))), List.of(),
                     Facts::instance, new FakeEvaluator(), null, metrics, Clock.systemUTC(), 1, Duration.ofDays(1));
             ApiServer server = new ApiServer(new ApiSettings("127.0.0.1", 0, List.of(),
                     new ApiSettings.Tls(ks, "changeit", "PKCS12"), 1, Duration.ofSeconds(1)),
                     service, metrics, List::of, List::of, new LatestReport(List.of(), "test")).start()) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ks)) {
                trust.load(in, "changeit".toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(ssl).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + server.port() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
        }
    }
}
