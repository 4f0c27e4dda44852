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
import io.mirrorguard.agent.store.InstanceOwners;
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
 * instance's per-instance series come from the one agent the alive agents' assignment gives it to, whichever agent
 * audits it, so no label set is exported twice, the series do not hop between agents at every audit, and what a
 * dashboard sums over the targets is what one agent on its own exports.
 */
class ClusterMetricsTest {

    private static final String NEVER = "0 0 0 1 1 ? 2099";
    private static final List<String> INSTANCES = List.of("SQLA", "SQLB", "SQLW");
    private static final java.time.Duration CHECKIN = java.time.Duration.ofSeconds(2);
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
    void each_instance_is_exported_once_by_its_assigned_owner_whichever_agent_audits_it() throws Exception {
        pg = PostgresSchema.create();
        simulator = Simulator.start(SimulatorOptions.of("classpath:demo-drift").withInfo(line -> { }));
        Path single = dir.resolve("single.yml");
        simulator.writeInventory(single);
        // no scheduled firing: which agent collects what is this test's choice
        String yaml = Files.readString(single).replace("cron: \"0 */5 * * * ?\"", "cron: \"" + NEVER + "\"");
        Files.writeString(single, yaml);
        Path clustered = dir.resolve("cluster.yml");
        Files.writeString(clustered, yaml.replace("  retentionDays: 30\n", "  retentionDays: 30\n  url: \""
                + pg.url() + "\"\n  user: " + PostgresSchema.USER + "\n"));
        AgentConfig config = ClusterAgent.load(clustered);
        // ids whose assignment gives each agent one of the three instances (asserted below), so every agent has a
        // part in the test
        List<String> ids = List.of("agent-b", "agent-c", "agent-f");
        Map<String, Daemon> agents = new LinkedHashMap<>();
        for (String id : ids) {
            // 2 s check-ins (alive within 4 s): a loaded machine's late check-in does not look like a leaving agent
            Daemon d = ClusterAgent.start(config, id, CHECKIN);
            daemons.add(d);
            agents.put(id, d);
        }
        awaitAgentsSeen(agents, 3);
        Map<String, String> owner = new InstanceOwners(ids).assign(INSTANCES);
        assertThat(Set.copyOf(owner.values())).as("one instance per agent").hasSize(3);
        Map<String, Set<String>> expected = byAgent(owner, ids);

        // every instance audited by an agent that does not own it: the owner exports it all the same
        for (String instance : INSTANCES) {
            audit(agents.get(next(ids, owner.get(instance), 1)), instance);
        }
        awaitExported(agents, expected);

        // audited again by the third agent: ownership does not move, not even for a moment (the collector of the
        // newest facts no longer takes it)
        Map<String, AuditRun> lastRuns = new LinkedHashMap<>();
        for (String instance : INSTANCES) {
            lastRuns.put(instance, audit(agents.get(next(ids, owner.get(instance), 2)), instance));
            assertThat(instancesExportedBy(agents)).as("after another agent audited " + instance)
                    .isEqualTo(expected);
        }
        // the owner, which never collected its instance, exports the last success of the agent that did
        for (String instance : INSTANCES) {
            AuditRun run = lastRuns.get(instance);
            Daemon ownerAgent = agents.get(owner.get(instance));
            double success = awaitValue(ownerAgent, MetricFamilies.AUDIT_LAST_SUCCESS, instance,
                    run.startedAt().toEpochMilli() / 1000.0);
            assertThat(success).as(instance + " exported by " + owner.get(instance))
                    .isBetween(run.startedAt().toEpochMilli() / 1000.0, run.finishedAt().toEpochMilli() / 1000.0);
        }
        assertThat(instancesExportedBy(agents)).isEqualTo(expected);

        Map<String, Scrape> scrapes = new TreeMap<>();
        for (var e : agents.entrySet()) {
            scrapes.put(e.getKey(), Scrape.parse(get(e.getValue(), "/metrics")));
        }
        assertThat(exportedTwice(scrapes)).isEmpty();

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
        // counters: each agent counts its own audits; summed, they are the cluster's six
        assertThat(sumBy(all, MetricFamilies.AUDITS, "outcome")).containsEntry("success", 6.0);
        assertThat(sumBy(List.of(scrapes.get("agent-b")), MetricFamilies.AUDITS, "outcome"))
                .containsEntry("success", 2.0);
        // fleet-wide gauges: every agent exports the same count under its own id (max it, never sum it)
        scrapes.forEach((agent, s) -> {
            assertThat(s.samples("mirrorguard_cluster_agents")).singleElement().satisfies(x -> {
                assertThat(x.labels()).isEqualTo(Map.of("agent", agent));
                assertThat(x.value()).isEqualTo(3.0);
            });
            assertThat(s.samples(MetricFamilies.BUILD_INFO)).singleElement()
                    .satisfies(x -> assertThat(x.labels()).containsEntry("agent", agent));
        });
        // GET /api/v1/cluster names what each agent owns, as the metrics show it
        assertThat(ownsPerApi(agents.get("agent-c"))).isEqualTo(expected);

        // an agent stops: the others take its instance once they see it gone; the others' instances stay put
        String leaving = owner.get("SQLA");
        agents.remove(leaving).stop();
        List<String> rest = List.copyOf(agents.keySet());
        Map<String, String> after = new InstanceOwners(rest).assign(INSTANCES);
        owner.forEach((instance, was) -> {
            if (!was.equals(leaving)) {
                assertThat(after.get(instance)).as(instance).isEqualTo(was);
            }
        });
        Map<String, Set<String>> expectedAfter = byAgent(after, rest);
        awaitExported(agents, expectedAfter);
        scrapes.clear();
        for (var e : agents.entrySet()) {
            scrapes.put(e.getKey(), Scrape.parse(get(e.getValue(), "/metrics")));
        }
        assertThat(exportedTwice(scrapes)).isEmpty();
        // the taken-over instance comes with its last collection, which the leaving agent's store write made shared
        assertThat(count(List.copyOf(scrapes.values()), MetricFamilies.INSTANCE_UP)).isEqualTo(3);
        assertThat(ownsPerApi(agents.get(rest.get(0)))).containsAllEntriesOf(expectedAfter);
    }

    /** Label sets of mirrorguard_* families (gauge or counter) that two agents export, "none" expected. */
    private static List<String> exportedTwice(Map<String, Scrape> scrapes) {
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
        return twice;
    }

    private static Map<String, Set<String>> byAgent(Map<String, String> owner, List<String> ids) {
        Map<String, Set<String>> out = new TreeMap<>();
        ids.forEach(id -> out.put(id, new TreeSet<>()));
        owner.forEach((instance, agent) -> out.get(agent).add(instance));
        return out;
    }

    /** The agent {@code steps} places after {@code id} in {@code ids}, round. */
    private static String next(List<String> ids, String id, int steps) {
        return ids.get((ids.indexOf(id) + steps) % ids.size());
    }

    private static Map<String, Set<String>> ownsPerApi(Daemon agent) throws Exception {
        JsonNode cluster = new ObjectMapper().readTree(get(agent, "/api/v1/cluster"));
        Map<String, Set<String>> owns = new TreeMap<>();
        cluster.get("agents").forEach(a -> {
            Set<String> names = new TreeSet<>();
            a.get("owns").forEach(n -> names.add(n.asText()));
            owns.put(a.get("id").asText(), names);
        });
        return owns;
    }

    /** Until every agent sees {@code n} alive agents (Quartz check-ins), or 30 s. */
    private static void awaitAgentsSeen(Map<String, Daemon> agents, int n) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            boolean all = true;
            for (Daemon d : agents.values()) {
                all &= Scrape.parse(get(d, "/metrics")).samples("mirrorguard_cluster_agents").stream()
                        .anyMatch(x -> x.value() == n);
            }
            if (all) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the agents did not all see " + n + " agents");
    }

    /**
     * Until the agents export what {@code expected} says (an owner re-evaluates within a check-in interval of
     * another agent's facts or of a membership change), then asserts it; 30 s at most.
     */
    private static void awaitExported(Map<String, Daemon> agents, Map<String, Set<String>> expected)
            throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && !instancesExportedBy(agents).equals(expected)) {
            Thread.sleep(200);
        }
        assertThat(instancesExportedBy(agents)).isEqualTo(expected);
    }

    /** The gauge's value for {@code instance} once it is at least {@code atLeast} (30 s at most), else its last. */
    private static double awaitValue(Daemon agent, String family, String instance, double atLeast) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        double value = Double.NaN;
        while (System.currentTimeMillis() < deadline) {
            value = Scrape.parse(get(agent, "/metrics")).samples(family).stream()
                    .filter(x -> instance.equals(x.labels().get("instance"))).mapToDouble(Scrape.Sample::value)
                    .findFirst().orElse(Double.NaN);
            if (value >= atLeast) {
                return value;
            }
            Thread.sleep(200);
        }
        return value;
    }

    private static AuditRun audit(Daemon agent, String instance) throws InterruptedException {
        AuditRun run = agent.audits().auditInstance(instance, AuditTrigger.ON_DEMAND);
        assertThat(run.outcome()).as(run.detail()).isEqualTo(AuditRun.Outcome.SUCCESS);
        return run;
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
