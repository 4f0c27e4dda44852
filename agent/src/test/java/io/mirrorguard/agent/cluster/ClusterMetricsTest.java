package io.mirrorguard.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirrorguard.agent.app.Daemon;
import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.metrics.MetricFamilies;
import io.mirrorguard.agent.metrics.Scrape;
import io.mirrorguard.agent.testing.PostgresSchema;
import io.mirrorguard.simulator.Simulator;
import io.mirrorguard.simulator.SimulatorOptions;
import io.mirrorguard.simulator.SimulatorRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three agents of one cluster audit a simulated fleet, scraped together as Prometheus does with honor_labels: each
 * instance's per-instance series come from the one agent that owns it (collected its newest facts), so no label
 * set is exported twice and what a dashboard sums over the targets is what one agent on its own exports.
 */
class ClusterMetricsTest {

    private static final String NEVER = "0 0 0 1 1 ? 2099";
    /** Gauges of one instance: exported by its owner only. */
    private static final List<String> PER_INSTANCE = List.of(MetricFamilies.INSTANCE_UP,
            MetricFamilies.AUDIT_DURATION, MetricFamilies.AUDIT_LAST_SUCCESS, MetricFamilies.FINDINGS,
            MetricFamilies.RULE_FAILURES, MetricFamilies.RULE_CHECKS, MetricFamilies.CHECKS,
            MetricFamilies.PEER_TRUST, MetricFamilies.CERTIFICATE_NOT_AFTER, MetricFamilies.CERTIFICATE_NOT_BEFORE,
            MetricFamilies.CERTIFICATE_INFO, MetricFamilies.ENDPOINT_INFO);
    /** The per-instance gauges an evaluation sets: the same values whichever agent evaluated the same facts. */
    private static final List<String> EVALUATED = PER_INSTANCE.subList(3, PER_INSTANCE.size());

    @TempDir
    Path dir;

    private PostgresSchema pg;
    private SimulatorRun simulator;
    private final List<Daemon> daemons = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        daemons.forEach(Daemon::stop);
        if (simulator != null) {
            simulator.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void each_instance_is_exported_by_its_owner_once_and_the_fleet_sums_match_one_agent() throws Exception {
        pg = PostgresSchema.create();
        simulator = Simulator.start(SimulatorOptions.of("classpath:demo-drift").withInfo(line -> { }));
        Path single = dir.resolve("single.yml");
        simulator.writeInventory(single);
        // no scheduled firing: which agent collects what is this test's choice, so ownership is known
        String yaml = Files.readString(single).replace("cron: \"0 */5 * * * ?\"", "cron: \"" + NEVER + "\"");
        Files.writeString(single, yaml);
        Path clustered = dir.resolve("cluster.yml");
        Files.writeString(clustered, yaml.replace("  retentionDays: 30\n", "  retentionDays: 30\n  url: \""
                + pg.url() + "\"\n  user: " + PostgresSchema.USER + "\n"));
        AgentConfig config = ClusterAgent.load(clustered);
        Map<String, Daemon> agents = new LinkedHashMap<>();
        for (String id : List.of("agent-a", "agent-b", "agent-c")) {
            Daemon d = ClusterAgent.start(config, id);
            daemons.add(d);
            agents.put(id, d);
        }

        audit(agents.get("agent-a"), "SQLA");
        audit(agents.get("agent-b"), "SQLB");
        audit(agents.get("agent-c"), "SQLW");
        assertThat(instancesExportedBy(agents)).isEqualTo(Map.of("agent-a", Set.of("SQLA"),
                "agent-b", Set.of("SQLB"), "agent-c", Set.of("SQLW")));

        // agent-b's collection of SQLA is now the newest: agent-a exports SQLA until its next evaluation, no longer
        audit(agents.get("agent-b"), "SQLA");
        assertThat(instancesExportedBy(agents).get("agent-b")).containsExactlyInAnyOrder("SQLA", "SQLB");
        audit(agents.get("agent-a"), "SQLW");
        audit(agents.get("agent-c"), "SQLB");
        audit(agents.get("agent-b"), "SQLA"); // b's evaluation learns that SQLB moved to c
        assertThat(instancesExportedBy(agents)).isEqualTo(Map.of("agent-a", Set.of("SQLW"),
                "agent-b", Set.of("SQLA"), "agent-c", Set.of("SQLB")));

        Map<String, Scrape> scrapes = new TreeMap<>();
        for (var e : agents.entrySet()) {
            scrapes.put(e.getKey(), Scrape.parse(get(e.getValue(), "/metrics")));
        }
        // no label set of any mirrorguard_* family (gauge or counter) is exported by two agents
        Map<String, String> exporter = new HashMap<>();
        List<String> twice = new ArrayList<>();
        scrapes.forEach((agent, s) -> s.samples().stream().filter(x -> x.name().startsWith("mirrorguard_"))
                .filter(x -> !x.name().equals(MetricFamilies.BUILD_INFO) && !x.name().equals("mirrorguard_cluster_agents"))
                .forEach(x -> {
                    String previous = exporter.put(x.name() + x.labels(), agent);
                    if (previous != null) {
                        twice.add(x.name() + x.labels() + " by " + previous + " and " + agent);
                    }
                }));
        assertThat(twice).isEmpty();

        // what dashboards compute over every target equals what one agent on its own exports
        Scrape alone = aloneAfterFleetAudit(single);
        List<Scrape> all = List.copyOf(scrapes.values());
        assertThat(sumBy(all, MetricFamilies.FINDINGS, "severity"))
                .isEqualTo(sumBy(List.of(alone), MetricFamilies.FINDINGS, "severity"))
                .as("the drift's FAIL findings, every severity once")
                .hasSize(5).satisfies(m -> assertThat(m.values().stream().mapToDouble(v -> v).sum()).isPositive());
        assertThat(count(all, MetricFamilies.INSTANCE_UP)).isEqualTo(3).isEqualTo(count(List.of(alone),
                MetricFamilies.INSTANCE_UP));
        for (String family : EVALUATED) {
            assertThat(series(all, family)).as(family).isEqualTo(series(List.of(alone), family));
        }
        // counters: each agent counts its own audits; summed, they are the cluster's seven
        assertThat(sumBy(all, MetricFamilies.AUDITS, "outcome")).containsEntry("success", 7.0);
        assertThat(sumBy(List.of(scrapes.get("agent-b")), MetricFamilies.AUDITS, "outcome"))
                .containsEntry("success", 3.0);
        // fleet-wide gauges: every agent exports the same count under its own id (max it, never sum it)
        scrapes.forEach((agent, s) -> {
            assertThat(s.samples("mirrorguard_cluster_agents")).singleElement().satisfies(x -> {
                assertThat(x.labels()).isEqualTo(Map.of("agent", agent));
                assertThat(x.value()).isEqualTo(3.0);
            });
            assertThat(s.samples(MetricFamilies.BUILD_INFO)).singleElement()
                    .satisfies(x -> assertThat(x.labels()).containsEntry("agent", agent));
        });

        // GET /api/v1/cluster names what each agent owns, as its metrics show it
        JsonNode cluster = new ObjectMapper().readTree(get(agents.get("agent-c"), "/api/v1/cluster"));
        Map<String, Set<String>> owns = new TreeMap<>();
        cluster.get("agents").forEach(a -> {
            Set<String> names = new TreeSet<>();
            a.get("owns").forEach(n -> names.add(n.asText()));
            owns.put(a.get("id").asText(), names);
        });
        assertThat(owns).isEqualTo(instancesExportedBy(agents));
    }

    private static void audit(Daemon agent, String instance) throws InterruptedException {
        AuditRun run = agent.audits().auditInstance(instance, AuditTrigger.ON_DEMAND);
        assertThat(run.outcome()).as(run.detail()).isEqualTo(AuditRun.Outcome.SUCCESS);
    }

    /** Per agent, the instances of its per-instance series (any of them), from its /metrics. */
    private static Map<String, Set<String>> instancesExportedBy(Map<String, Daemon> agents) throws Exception {
        Map<String, Set<String>> out = new TreeMap<>();
        for (var e : agents.entrySet()) {
            Scrape s = Scrape.parse(get(e.getValue(), "/metrics"));
            out.put(e.getKey(), PER_INSTANCE.stream().flatMap(f -> s.samples(f).stream())
                    .map(x -> x.labels().get("instance")).collect(Collectors.toCollection(TreeSet::new)));
        }
        return out;
    }

    private static Scrape aloneAfterFleetAudit(Path config) throws Exception {
        Daemon alone = Daemon.start(ClusterAgent.load(config), 0, false);
        try {
            alone.audits().auditFleet(AuditTrigger.ON_DEMAND);
            return Scrape.parse(alone.metrics().scrape());
        } finally {
            alone.stop();
        }
    }

    private static Map<String, Double> sumBy(List<Scrape> scrapes, String family, String label) {
        Map<String, Double> out = new TreeMap<>();
        scrapes.forEach(s -> s.samples(family).forEach(x -> out.merge(x.labels().get(label), x.value(), Double::sum)));
        return out;
    }

    private static long count(List<Scrape> scrapes, String family) {
        return scrapes.stream().mapToLong(s -> s.samples(family).size()).sum();
    }

    /** Every series of the family over all scrapes: labels to value. */
    private static Map<String, Double> series(List<Scrape> scrapes, String family) {
        Map<String, Double> out = new TreeMap<>();
        scrapes.forEach(s -> s.samples(family).forEach(x -> out.put(new TreeMap<>(x.labels()).toString(), x.value())));
        return out;
    }

    private static String get(Daemon d, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + d.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
