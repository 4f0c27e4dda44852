package io.mirrorguard.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirrorguard.agent.app.Daemon;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.store.SharedStoreSettings;
import io.mirrorguard.agent.testing.PostgresSchema;
import io.mirrorguard.simulator.Simulator;
import io.mirrorguard.simulator.SimulatorOptions;
import io.mirrorguard.simulator.SimulatorRun;
import io.mirrorguard.simulator.api.Fault;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remediation in a cluster, on real PostgreSQL and the simulator: every agent with automatic remediation on fixes a
 * drifted fleet and each fix reaches its server once; an agent killed with kill -9 while its statement is on the wire
 * leaves an INTERRUPTED row that the other agents read; an agent stopped and started again rejoins the cluster.
 */
class ClusterRemediationTest {

    private static final String CRON = "0/5 * * * * ?";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private PostgresSchema pg;
    private SimulatorRun simulator;
    private final List<Daemon> agents = new ArrayList<>();
    private Process child;

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        agents.forEach(Daemon::stop);
        if (simulator != null) {
            simulator.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    /** The simulator's inventory for {@code scenario}, firing every 5 s, in the test's PostgreSQL schema. */
    private Path cluster(String scenario, String remediation) throws Exception {
        pg = PostgresSchema.create();
        simulator = Simulator.start(SimulatorOptions.of("classpath:" + scenario).withInfo(line -> { }));
        Path config = dir.resolve("cluster.yml");
        simulator.writeInventory(config);
        String yaml = Files.readString(config).replace("cron: \"0 */5 * * * ?\"", "cron: \"" + CRON + "\"")
                .replace("jitterSeconds: 30", "jitterSeconds: 0")
                .replace("  retentionDays: 30\n", "  retentionDays: 30\n  url: \"" + pg.url() + "\"\n  user: "
                        + PostgresSchema.USER + "\n");
        yaml = yaml.substring(0, yaml.indexOf("remediation:")) + remediation;
        Files.writeString(config, yaml);
        return config;
    }

    private static final String FIX_DEMO_DRIFT = """
            remediation:
              enabled: true
              rules: [master-key-protected-by-service-key, endpoint-connect-not-public, peer-certificate-installed]
              instances: [SQLA, SQLB, SQLW]
              masterKeyPassword: 'Mk!Example-2026-Strong'
            """;

    private static final String FIX_ENDPOINT = """
            remediation:
              enabled: true
              rules: [endpoint-started]
              instances: [SQLB]
            """;

    @Test
    void every_agent_remediating_sends_each_fix_once_and_every_agent_lists_the_same_journal() throws Exception {
        AgentConfig config = ClusterAgent.load(cluster("demo-drift", FIX_DEMO_DRIFT));
        agents.add(RemediatingClusterAgent.start(config, "agent-a"));
        agents.add(RemediatingClusterAgent.start(config, "agent-b"));

        // the three FAILs are fixed and verified (each action's post-audit PASS), by whichever agents
        await(120, () -> journalRows().stream().filter(r -> r.status().equals("SUCCEEDED")
                && "PASS".equals(r.postAudit())).map(Row::action).distinct().count() == 3);
        // two more firings on every instance: each agent evaluates and runs automatic mode again meanwhile
        long settled = System.currentTimeMillis();
        await(60, () -> scheduledRunsFinishedAfter(settled) >= 6);

        List<Row> rows = journalRows();
        Map<String, List<String>> attempts = new TreeMap<>();
        for (Row r : rows) {
            if (!r.status().equals("SKIPPED")) {
                attempts.computeIfAbsent(r.action(), k -> new ArrayList<>()).add(r.agent() + " " + r.status());
            }
        }
        System.out.println("cluster remediation journal: " + rows.stream().map(r -> r.agent() + " " + r.action()
                + " " + r.status() + (r.error() == null ? "" : " (" + r.error() + ")")).toList());
        assertThat(attempts).as("attempts per action").hasSize(3)
                .allSatisfy((action, list) -> assertThat(list).as(action).singleElement().asString()
                        .endsWith("SUCCEEDED"));
        // the servers' own record: every statement of every fix arrived once (statements without secrets are
        // compared as sent; the master key's OPEN carries the password, so its ALTER stands for it)
        for (Row r : rows) {
            if (r.status().equals("SUCCEEDED")) {
                for (String statement : r.sql()) {
                    if (!statement.contains("$(")) {
                        assertThat(simulator.fleet().instance(r.instance()).receivedBatches())
                                .as(r.instance() + " received " + statement).filteredOn(statement::equals).hasSize(1);
                    }
                }
            }
        }
        // each agent's API lists the whole cluster's journal, the same entries with the agent that ran each
        JsonNode a = get(agents.get(0), "/api/v1/remediation/journal");
        JsonNode b = get(agents.get(1), "/api/v1/remediation/journal");
        assertThat(a).isEqualTo(b);
        assertThat(a.get("entries")).hasSize((int) rows.stream().map(Row::id).distinct().count());
        assertThat(a.get("entries").findValuesAsText("agent")).isSubsetOf("agent-a", "agent-b");
    }

    @Test
    void an_agent_killed_during_apply_leaves_an_interrupted_row_that_the_cluster_reads() throws Exception {
        Path config = cluster("drift-endpoint-stopped", FIX_ENDPOINT);
        // every answer from SQLB takes 1.5 s: the agent's ALTER ENDPOINT is still on the wire when it is killed
        simulator.fleet().instance("SQLB").setFault(new Fault(Fault.Kind.SLOW, 1500));
        child = startChild(config, "agent-c");
        await(120, () -> journalRows().stream().anyMatch(r -> r.agent().equals("agent-c")
                && r.status().equals("STARTED")));
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        simulator.fleet().instance("SQLB").setFault(Fault.NONE);

        Daemon survivor = RemediatingClusterAgent.start(ClusterAgent.load(config), "agent-a");
        agents.add(survivor);
        // agent-c's STARTED row without an end: INTERRUPTED once agent-c no longer checks in (2 s here)
        await(30, () -> entries(survivor).stream().anyMatch(e -> e.get("agent").asText().equals("agent-c")
                && e.get("status").asText().equals("INTERRUPTED")));
        JsonNode interrupted = entries(survivor).stream().filter(e -> e.get("agent").asText().equals("agent-c"))
                .findFirst().orElseThrow();
        assertThat(interrupted.get("ruleId").asText()).isEqualTo("endpoint-started");
        assertThat(interrupted.get("instance").asText()).isEqualTo("SQLB");
        assertThat(interrupted.get("error").asText()).contains("effect is unknown until the next audit");

        // the survivor's own audits decide: SQLB ends up fixed, by the killed agent's statement or by the survivor
        // once it has facts of SQLB newer than the interrupted attempt, never by both from the same facts
        await(90, () -> findingOutcomes(survivor, "endpoint-started", "SQLB").equals(List.of("PASS")));
        List<Row> survivorAttempts = journalRows().stream().filter(r -> r.agent().equals("agent-a")
                && !r.status().equals("SKIPPED")).toList();
        assertThat(survivorAttempts).as("the survivor applied at most once").hasSizeLessThanOrEqualTo(1);
        assertThat(journalRows().stream().filter(r -> r.agent().equals("agent-c")).map(Row::status).toList())
                .as("agent-c's rows: only its STARTED").containsExactly("STARTED");
    }

    @Test
    void a_restarted_agent_checks_in_again_takes_firings_and_reads_what_was_stored_before() throws Exception {
        AgentConfig config = ClusterAgent.load(cluster("demo-drift", "remediation:\n  enabled: false\n"));
        Daemon a = ClusterAgent.start(config, "agent-a");
        agents.add(a);
        Daemon b = ClusterAgent.start(config, "agent-b");
        agents.add(b);
        await(60, () -> scheduledRunsFinishedAfter(0) >= 3);
        List<String> before = runIds();

        b.stop();
        agents.remove(b);
        String again = SharedStoreSettings.generatedAgentId(); // what `mirrorguard run` gives a restarted process
        Daemon restarted = ClusterAgent.start(config, again);
        agents.add(restarted);
        await(30, () -> alive(a).contains(again));
        assertThat(alive(restarted)).contains(again, "agent-a");

        // with agent-a gone too, every firing is the restarted agent's
        a.stop();
        agents.remove(a);
        long from = System.currentTimeMillis();
        await(60, () -> scheduledRunsBy(again, from) >= 3);

        // nothing stored before the restart was lost: every earlier run reads back through the restarted agent
        for (String id : before) {
            assertThat(getStatus(restarted, "/api/v1/audits/" + id)).as("run " + id).isEqualTo(200);
        }
        assertThat(runIds()).containsAll(before);
    }

    // --- helpers ---

    private record Row(long seq, String id, String agent, String ruleId, String instance, String peer,
                       String status, String postAudit, String error, List<String> sql) {
        String action() {
            return ruleId + "@" + instance + (peer == null ? "" : "<-" + peer);
        }
    }

    /** Every action's latest row, straight from the table. */
    private List<Row> journalRows() throws Exception {
        List<Row> out = new ArrayList<>();
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ON (id) seq, id, "
                + "agent_id, rule_id, instance, peer, status, post_audit, error, statements FROM remediation_journal "
                + "ORDER BY id, seq DESC"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        List.of(JSON.readValue(rs.getString(10), String[].class))));
            }
        }
        out.sort((x, y) -> Long.compare(x.seq(), y.seq()));
        return out;
    }

    private long scheduledRunsFinishedAfter(long startedFrom) throws Exception {
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_run "
                + "WHERE trigger_kind = 'SCHEDULED' AND started_at >= ? AND finished_at IS NOT NULL")) {
            ps.setLong(1, startedFrom);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long scheduledRunsBy(String agent, long startedFrom) throws Exception {
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_run "
                + "WHERE trigger_kind = 'SCHEDULED' AND agent_id = ? AND started_at >= ? AND finished_at IS NOT NULL")) {
            ps.setString(1, agent);
            ps.setLong(2, startedFrom);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> runIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = pg.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT id FROM audit_run WHERE finished_at IS NOT NULL ORDER BY started_at")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static List<String> alive(Daemon d) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode agent : get(d, "/api/v1/cluster").get("agents")) {
            if (agent.get("alive").asBoolean()) {
                ids.add(agent.get("id").asText());
            }
        }
        return ids;
    }

    private static List<JsonNode> entries(Daemon d) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        get(d, "/api/v1/remediation/journal").get("entries").forEach(out::add);
        return out;
    }

    private static List<String> findingOutcomes(Daemon d, String rule, String instance) {
        return d.audits().latest().map(e -> e.findings().stream().filter(f -> f.ruleId().equals(rule)
                && f.instance().equals(instance)).map(f -> f.outcome().name()).distinct().toList()).orElse(List.of());
    }

    private static HttpResponse<String> http(Daemon d, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + d.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(Daemon d, String path) throws Exception {
        HttpResponse<String> r = http(d, path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static int getStatus(Daemon d, String path) throws Exception {
        return http(d, path).statusCode();
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(int seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.ok()) {
            assertThat(System.nanoTime()).as("waited " + seconds + " s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private Process startChild(Path config, String agentId) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RemediatingClusterAgent.class.getName(), config.toString(), agentId).redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("READY")) {
            assertThat(System.nanoTime()).as("child agent did not start").isLessThan(deadline);
        }
        assertThat(line).as("child agent exited before READY").isNotNull();
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe empty so the child never blocks on its log
                }
            } catch (Exception ignored) {
                // the child was killed
            }
        });
        drain.setDaemon(true);
        drain.start();
        return p;
    }
}
