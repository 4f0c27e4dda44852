package io.mirrorguard.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirrorguard.agent.config.MetricsConfig;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.app.Daemon;
import io.mirrorguard.agent.app.DaemonSettings;
import io.mirrorguard.agent.daemon.InstanceSpec;
import io.mirrorguard.agent.http.ApiSettings;
import io.mirrorguard.agent.http.LatestReport;
import io.mirrorguard.agent.metrics.Scrape;
import io.mirrorguard.agent.schedule.ScheduleSettings;
import io.mirrorguard.agent.store.InstanceOwners;
import io.mirrorguard.agent.store.SharedStoreSettings;
import io.mirrorguard.agent.testing.Facts;
import io.mirrorguard.agent.testing.FakeEvaluator;
import io.mirrorguard.agent.testing.PostgresSchema;
import io.mirrorguard.agent.testing.TcpProxy;
import io.mirrorguard.rules.model.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a cluster shows over HTTP: its agents, how many are alive, and a lost database as degraded readiness. */
class ClusterApiTest {

    private static final String NEVER = "0 0 0 1 1 ? 2099";

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static DaemonSettings settings(Path storage, SharedStoreSettings shared) {
        return new DaemonSettings(
                List.of(new InstanceSpec(Target.named("SQLA"), Duration.ofSeconds(10)),
                        new InstanceSpec(Target.named("SQLB"), Duration.ofSeconds(10))),
                List.of(), new ScheduleSettings(NEVER, 0, 2, false),
                new ApiSettings("127.0.0.1", 0, List.of(), null, 5, Duration.ofSeconds(10)), storage, 30, "test",
                MetricsConfig.defaults(), shared);
    }

    private Daemon agent(SharedStoreSettings shared) {
        Daemon d = Daemon.start(settings(dir, shared), name -> Facts.instance(name, name.equals("SQLA") ? "SQLB"
                : "SQLA"), new FakeEvaluator(), List::of, new LatestReport(List.of(), "test"), Clock.systemUTC());
        open.add(d);
        return d;
    }

    private static HttpResponse<String> get(Daemon d, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + d.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void agents_are_listed_counted_and_a_lost_database_is_degraded_readiness_while_results_are_served()
            throws Exception {
        PostgresSchema pg = PostgresSchema.create();
        open.add(pg);
        TcpProxy proxy = new TcpProxy(5432);
        open.add(proxy);
        String url = pg.url().replace(":5432/", ":" + proxy.port() + "/");
        SharedStoreSettings base = new SharedStoreSettings(url, pg.user(), null, "agent-a", Duration.ofMillis(500));
        Daemon a = agent(base);
        Daemon b = agent(base.as("agent-b", Duration.ofMillis(500)));
        a.audits().auditInstance("SQLA", AuditTrigger.ON_DEMAND);
        b.audits().auditInstance("SQLB", AuditTrigger.ON_DEMAND);

        JsonNode cluster = new ObjectMapper().readTree(awaitBody(a, "/api/v1/cluster", "agent-b"));
        assertThat(cluster.get("clustered").asBoolean()).isTrue();
        assertThat(cluster.get("self").asText()).isEqualTo("agent-a");
        assertThat(cluster.get("agents").findValuesAsText("id")).containsExactly("agent-a", "agent-b");
        assertThat(cluster.get("agents").get(0).get("alive").asBoolean()).isTrue();
        // owns: the assignment over the alive agents, not who audited what (here a owns both: the weights decide)
        InstanceOwners owners = new InstanceOwners(List.of("agent-a", "agent-b"));
        for (JsonNode agent : cluster.get("agents")) {
            List<String> owns = new ArrayList<>();
            agent.get("owns").forEach(n -> owns.add(n.asText()));
            assertThat(owns).as(agent.get("id").asText()).containsExactlyElementsOf(
                    owners.ownedBy(agent.get("id").asText(), List.of("SQLA", "SQLB")));
        }
        assertThat(cluster.get("agents").get(0).get("owns").toString()).isEqualTo("[\"SQLA\",\"SQLB\"]");
        assertThat(Scrape.parse(get(b, "/metrics").body()).samples("mirrorguard_cluster_agents"))
                .singleElement().satisfies(s -> {
                    assertThat(s.labels()).containsEntry("agent", "agent-b");
                    assertThat(s.value()).isEqualTo(2.0);
                });
        assertThat(Scrape.parse(get(b, "/metrics").body()).samples("mirrorguard_build_info"))
                .singleElement().satisfies(s -> assertThat(s.labels()).containsEntry("agent", "agent-b"));
        // b's evaluation has a's facts: the fleet-level rule sees both instances
        assertThat(b.audits().latest().orElseThrow().snapshot().instances()).hasSize(2);
        assertThat(get(a, "/readyz").statusCode()).isEqualTo(200);

        proxy.cut();
        HttpResponse<String> ready = get(a, "/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("degraded, read-only: the storage.url database cannot be reached");
        assertThat(get(a, "/api/v1/findings").statusCode()).as("last results still served").isEqualTo(200);
        assertThat(get(a, "/api/v1/cluster").statusCode()).isEqualTo(503);

        proxy.restore();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (get(a, "/readyz").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(get(a, "/readyz").statusCode()).as("ready again once the database is back").isEqualTo(200);
    }

    @Test
    void an_agent_on_its_own_is_not_clustered_and_has_no_cluster_meter() throws Exception {
        Daemon alone = agent(null);
        assertThat(new ObjectMapper().readTree(get(alone, "/api/v1/cluster").body()).toString())
                .isEqualTo("{\"clustered\":false,\"agents\":[]}");
        assertThat(get(alone, "/metrics").body()).doesNotContain("mirrorguard_cluster_agents");
    }

    private static String awaitBody(Daemon d, String path, String contains) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String body = get(d, path).body();
        while (!body.contains(contains) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            body = get(d, path).body();
        }
        return body;
    }
}
