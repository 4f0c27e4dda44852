package io.mirrorguard.agent.app;

import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.daemon.InstanceSpec;
import io.mirrorguard.agent.http.ApiSettings;
import io.mirrorguard.agent.http.LatestReport;
import io.mirrorguard.agent.metrics.MetricFamilies;
import io.mirrorguard.agent.metrics.Scrape;
import io.mirrorguard.agent.schedule.ScheduleSettings;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.agent.testing.Facts;
import io.mirrorguard.agent.testing.FakeEvaluator;
import io.mirrorguard.rules.model.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DaemonTest {
    static final String NEVER = "0 0 0 1 1 ? 2099";

    @TempDir
    Path dir;

    static DaemonSettings settings(Path storage, int port) {
        return new DaemonSettings(
                List.of(new InstanceSpec(Target.named("SQLA"), Duration.ofSeconds(10)),
                        new InstanceSpec(Target.named("SQLB"), Duration.ofSeconds(10))),
                List.of(), new ScheduleSettings(NEVER, 0, 2, true),
                new ApiSettings("127.0.0.1", port, List.of("t0ken"), null, 5, Duration.ofSeconds(10)),
                storage, 30, "test-version");
    }

    static Daemon startWithFakes(DaemonSettings settings) {
        return Daemon.start(settings, name -> Facts.instance(name, name.equals("SQLA") ? "SQLB" : "SQLA"),
                new FakeEvaluator(), List::of, new LatestReport(List.of(), "test"), Clock.systemUTC());
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void starts_audits_on_start_becomes_ready_and_stops_cleanly() throws Exception {
        Daemon daemon = startWithFakes(settings(dir, 0));
        int port = daemon.httpPort();
        try {
            assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (get(port, "/readyz").statusCode() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
            Scrape scrape = Scrape.parse(get(port, "/metrics").body());
            assertThat(scrape.samples(MetricFamilies.BUILD_INFO)).singleElement()
                    .satisfies(s -> assertThat(s.labels()).containsEntry("version", "test-version"));
            assertThat(scrape.samples(MetricFamilies.INSTANCE_UP)).isNotEmpty();
        } finally {
            daemon.stop();
        }
        daemon.stop(); // idempotent
        assertThatThrownBy(() -> get(port, "/healthz")).isInstanceOf(ConnectException.class);
        // the store was closed: it opens again and holds the start-up audits
        try (AuditStore store = AuditStore.open(dir)) {
            assertThat(store.recentRuns(10)).isNotEmpty()
                    .anySatisfy(r -> assertThat(r.trigger()).isEqualTo(AuditTrigger.STARTUP))
                    .allSatisfy(r -> assertThat(r.trigger()).isIn(AuditTrigger.STARTUP, AuditTrigger.SCHEDULED));
        }
    }

    @Test
    void the_http_port_can_be_overridden() {
        DaemonSettings s = settings(dir, 9440).withHttpPort(0);
        assertThat(s.http().port()).isZero();
        assertThat(s.http().tokens()).containsExactly("t0ken");
        assertThat(s.http().toString()).doesNotContain("t0ken");
    }

    @Test
    void a_bad_setting_fails_start_and_releases_what_was_opened() {
        DaemonSettings bad = new DaemonSettings(settings(dir, 0).instances(), List.of(),
                new ScheduleSettings("not a cron", 0, 1, true), settings(dir, 0).http(), dir, 30, "v");
        assertThatThrownBy(() -> startWithFakes(bad)).hasMessageContaining("schedule.cron");
        try (AuditStore store = AuditStore.open(dir)) {
            assertThat(store.recentRuns(1)).isEmpty();
        }
    }

    @Test
    void sigterm_runs_the_shutdown_hook_and_stops_in_order() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DaemonChild.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("READY")) {
                    // Process.destroy() would close our end of its output: send the signal ourselves
                    new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start().waitFor();
                }
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        // the JVM's status for a SIGTERM it handled (128 + 15) after the orderly stop: documented in docs/daemon.md
        assertThat(child.exitValue()).isEqualTo(143);
        String all = String.join("\n", lines);
        assertThat(all).contains("READY").contains("mirrorguard stopping").contains("mirrorguard stopped");
        assertThat(all.indexOf("mirrorguard stopping")).isLessThan(all.indexOf("mirrorguard stopped"));
        try (AuditStore store = AuditStore.open(dir)) {
            assertThat(store.recentRuns(10)).isNotEmpty();
        }
    }
}
