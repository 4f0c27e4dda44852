package io.mirrorguard.agent.app;

import io.mirrorguard.rules.catalog.BuiltInRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.metrics.MetricFamilies;
import io.mirrorguard.agent.metrics.Scrape;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.simulator.InventoryWriter;
import io.mirrorguard.simulator.Simulator;
import io.mirrorguard.simulator.SimulatorDefaults;
import io.mirrorguard.simulator.SimulatorOptions;
import io.mirrorguard.simulator.SimulatorRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon as {@code mirrorguard run} starts it, over TDS against the simulator with the documented procedure
 * applied: JDBC collection, the built-in rules, store, metrics, HTTP and every report format.
 */
class DaemonSimulatorEndToEndTest {
    /** The bearer token the inventory generated into its secrets folder. */
    private String token;

    @TempDir
    Path dir;

    private SimulatorRun simulator;
    private Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.stop();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.httpPort() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Simulated fleet with the documented procedure applied, served over TDS; the daemon started on it and ready. */
    private void startOnSimulatedFleet() throws Exception {
        simulator = Simulator.start(SimulatorOptions.of("classpath:procedure-two-partners-witness")
                .withInfo(line -> { }));
        Path config = dir.resolve("mirrorguard.yml");
        simulator.writeInventory(config);
        Files.writeString(config, Files.readString(config).replace("jitterSeconds: 30", "jitterSeconds: 0"));
        token = Files.readString(dir.resolve(InventoryWriter.API_TOKEN_SECRET)).trim();
        AgentConfig loaded = new ConfigLoader(name -> null,
                BuiltInRules.engine().descriptors().stream().map(RuleDescriptor::id).collect(Collectors.toSet()))
                .read(config);

        daemon = Daemon.start(loaded, 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        // ready after one audit; wait until every instance has had its start-up audit
        while ((get("/readyz").statusCode() != 200
                || daemon.audits().statuses().stream().anyMatch(s -> s.lastAuditAt() == null))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void runs_against_the_simulator_over_tds_and_serves_every_route_and_report() throws Exception {
        startOnSimulatedFleet();
        ObjectMapper json = new ObjectMapper();
        JsonNode instances = json.readTree(get("/api/v1/instances").body()).get("instances");
        assertThat(instances).hasSize(3);
        instances.forEach(i -> assertThat(i.get("lastAuditAt").isNull()).as(i.toString()).isFalse());
        assertThat(get("/api/v1/instances").body()).doesNotContain(SimulatorDefaults.AUDIT_PASSWORD)
                .doesNotContain(token);
        assertThat(json.readTree(get("/api/v1/findings").body()).get("findings")).isNotEmpty();
        assertThat(json.readTree(get("/api/v1/rules").body()).get("rules"))
                .hasSize(BuiltInRules.engine().descriptors().size());
        Scrape scrape = Scrape.parse(get("/metrics").body());
        assertThat(scrape.mirrorguardFamilies()).contains(MetricFamilies.INSTANCE_UP, MetricFamilies.AUDITS,
                MetricFamilies.FINDINGS, MetricFamilies.RULE_CHECKS, MetricFamilies.BUILD_INFO);
        assertThat(scrape.samples(MetricFamilies.INSTANCE_UP)).hasSize(3);

        for (String format : List.of("json", "sarif", "junit", "html", "md")) {
            HttpResponse<String> r = get("/api/v1/reports/latest?format=" + format);
            assertThat(r.statusCode()).as(format + ": " + r.body()).isEqualTo(200);
            assertThat(r.body()).as(format).isNotBlank().doesNotContain(SimulatorDefaults.AUDIT_PASSWORD);
        }

        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + daemon.httpPort() + "/api/v1/audits"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"instance\":\"SQLB\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as(post.body()).isEqualTo(202);
        String id = json.readTree(post.body()).get("id").asText();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = json.readTree(get("/api/v1/audits/" + id).body());
            if (!run.get("status").asText().equals("RUNNING")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(run.get("status").asText()).as(run.toString()).isIn("SUCCESS", "FAILURE");
        assertThat(run.get("instances").get(0).asText()).isEqualTo("SQLB");
        assertThat(run.get("findings")).isNotEmpty();
    }

    @Test
    void the_documented_procedure_audits_clean() throws Exception {
        startOnSimulatedFleet();
        List<String> unreadable = daemon.audits().statuses().stream().filter(s -> !s.up())
                .map(s -> s.instance() + ": " + s.lastFailure()).toList();
        // the collector's catalog batch needs simulator features (TRY/CATCH) that may not be merged yet
        Assumptions.assumeTrue(unreadable.isEmpty(), "simulator cannot run the collector's batch yet: " + unreadable);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(get("/api/v1/findings?outcome=FAIL").body()).get("findings")).isEmpty();
        assertThat(json.readTree(get("/api/v1/findings?outcome=ERROR").body()).get("findings")).isEmpty();
        Scrape scrape = Scrape.parse(get("/metrics").body());
        assertThat(scrape.mirrorguardFamilies()).containsAll(MetricFamilies.ALL.stream()
                .filter(f -> !f.equals(MetricFamilies.REMEDIATIONS)).toList());
        assertThat(scrape.samples(MetricFamilies.PEER_TRUST)).isNotEmpty()
                .allSatisfy(s -> assertThat(s.value()).as(s.labels().toString()).isEqualTo(1));
        assertThat(scrape.samples(MetricFamilies.CERTIFICATE_NOT_AFTER))
                .anySatisfy(s -> assertThat(s.labels()).containsEntry("usage", "peer"))
                .anySatisfy(s -> assertThat(s.labels()).containsEntry("usage", "endpoint"));
    }
}
