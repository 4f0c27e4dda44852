package io.mirrorguard.agent.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.impl.SchedulerRepository;

/** The demo end to end: simulator + daemon on loopback, a first audit, the API, and a clean stop. */
class FleetDemoTest {

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void starts_audits_serves_and_cleans_up() throws Exception {
        int port = freePort();
        Path dir;
        try (FleetDemo demo = FleetDemo.start(port)) {
            assertThat(demo.scenario()).isEqualTo("demo-drift");
            dir = demo.configFile().getParent();
            assertThat(demo.simulator().ports()).containsOnlyKeys("SQLA", "SQLB", "SQLW");

            AuditResult first = demo.auditNow().orElseThrow();
            List<String> failing = first.findings().stream().filter(Finding::failing)
                    .map(f -> f.ruleId() + "@" + f.instance()).toList();
            assertThat(failing).contains("master-key-protected-by-service-key@SQLA",
                    "endpoint-connect-not-public@SQLB", "peer-certificate-installed@SQLW");

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> report = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/reports/latest?format=html")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(report.body()).startsWith("<!DOCTYPE html>").contains("<h2>What to fix</h2>").contains("<summary>SQLA</summary>");

            // the inventory's random API token, in an owner-only file, lets the user start audits
            Path token = demo.tokenFile().orElseThrow();
            String bearer = Files.readString(token).strip();
            assertThat(bearer).hasSizeGreaterThanOrEqualTo(32);
            HttpResponse<String> audit = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/audits"))
                    .header("Authorization", "Bearer " + bearer)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(audit.statusCode()).as(audit.body()).isBetween(200, 202);
        }
        assertThat(dir).doesNotExist();
        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void writes_its_http_port_into_the_config_and_audits_the_fleet_once_at_start() throws Exception {
        int port = freePort();
        Instant began = Instant.now();
        try (FleetDemo demo = FleetDemo.start(port)) {
            assertThat(demo.config().http().port()).isEqualTo(port);
            assertThat(Files.readString(demo.configFile())).contains("  port: " + port + "\n")
                    .doesNotContain("port: " + FleetDemo.DEFAULT_HTTP_PORT + "\n");

            demo.auditNow().orElseThrow();
            // A scheduler start-up audit is a Quartz job fired by a one-off (non-cron) trigger that sleeps its
            // jitter and then audits: it would be executing now, or already recorded as a SCHEDULED run.
            for (Scheduler scheduler : SchedulerRepository.getInstance().lookupAll()) {
                for (JobExecutionContext job : scheduler.getCurrentlyExecutingJobs()) {
                    assertThat(job.getTrigger()).as("job %s", job.getJobDetail().getKey())
                            .isInstanceOf(CronTrigger.class);
                }
            }
            List<AuditRun> runs = demo.daemon().audits().store().orElseThrow().recentRuns(100);
            Assumptions.assumeTrue(began.getEpochSecond() / 300 == Instant.now().getEpochSecond() / 300,
                    "a 5-minute cron time passed during the test; scheduled runs are expected then");
            assertThat(runs).singleElement().satisfies(r -> {
                assertThat(r.trigger()).isEqualTo(AuditTrigger.STARTUP);
                assertThat(r.instances()).containsExactlyInAnyOrder("SQLA", "SQLB", "SQLW");
            });
        }
    }
}
