package io.mirrorguard.agent.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
