package io.mirrorguard.agent.remediation.sim;

import io.mirrorguard.rules.catalog.MasterKeyProtectedByServiceKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.app.Daemon;
import io.mirrorguard.agent.remediation.DaemonRemediation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * demo-drift without remediation.masterKeyPassword: the master-key fix cannot run, so the plan lists it under
 * skipped with that reason; the CLI and the daemon's API show the same plan; apply runs the two fixes that can.
 */
class PlanSkipsWhatCannotRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<String> actions(JsonNode plan) {
        List<String> out = new ArrayList<>();
        plan.get("actions").forEach(a -> out.add(a.get("ruleId").asText() + "@" + a.get("instance").asText()));
        return out;
    }

    @Test
    void cli_and_api_plans_agree_and_skip_the_fix_whose_secret_is_missing() throws Exception {
        try (SimFleet sim = SimFleet.start("demo-drift.sql", dir)) {
            String cfg = sim.withRemediation("""
                    remediation:
                      enabled: false
                    """).toString();

            CliApplyTest.Run plan = CliApplyTest.cli("plan", "--config", cfg, "--format", "json");
            assertThat(plan.code()).as(plan.err()).isZero();
            JsonNode cliPlan = JSON.readTree(plan.out());
            assertThat(actions(cliPlan)).containsExactlyInAnyOrder("endpoint-connect-not-public@SQLB",
                    "peer-certificate-installed@SQLW");
            assertThat(cliPlan.get("skipped")).anySatisfy(s -> {
                assertThat(s.get("ruleId").asText()).isEqualTo(MasterKeyProtectedByServiceKey.ID);
                assertThat(s.get("instance").asText()).isEqualTo("SQLA");
                assertThat(s.get("reason").asText()).contains("remediation.masterKeyPassword", "not configured");
            });
            assertThat(cliPlan.get("skipped")).allSatisfy(s -> assertThat(s.get("reason").asText()).isNotBlank());

            AgentConfig config = sim.config();
            Daemon daemon = Daemon.start(config, 0, false);
            try {
                DaemonRemediation.attach(config, daemon, Clock.systemUTC());
                daemon.audits().auditFleet(AuditTrigger.ON_DEMAND);
                HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + daemon.httpPort() + "/api/v1/remediation/plan")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
                JsonNode apiPlan = JSON.readTree(api.body());
                assertThat(apiPlan.get("hash").asText()).isEqualTo(cliPlan.get("hash").asText());
                assertThat(apiPlan.get("actions")).isEqualTo(cliPlan.get("actions"));
                assertThat(apiPlan.get("skipped")).isEqualTo(cliPlan.get("skipped"));
            } finally {
                daemon.stop();
            }

            CliApplyTest.Run apply = CliApplyTest.cli("apply", "--config", cfg, "--plan",
                    cliPlan.get("hash").asText());
            assertThat(apply.code()).as(apply.out() + apply.err()).isZero();
            assertThat(apply.out()).doesNotContain("consecutive");
        }
    }

    @Test
    void a_failing_fix_does_not_stop_the_independent_ones() throws Exception {
        try (SimFleet sim = SimFleet.start("demo-drift.sql", dir)) {
            // configured, but not the password the master key was created with: the master-key fix fails on SQLA
            String cfg = sim.withRemediation("""
                    remediation:
                      enabled: false
                      masterKeyPassword: 'Not-The-Right-Password-2026!'
                    """).toString();
            CliApplyTest.Run plan = CliApplyTest.cli("plan", "--config", cfg, "--format", "json");
            assertThat(plan.code()).as(plan.err()).isZero();
            JsonNode cliPlan = JSON.readTree(plan.out());
            assertThat(actions(cliPlan)).contains("master-key-protected-by-service-key@SQLA",
                    "endpoint-connect-not-public@SQLB", "peer-certificate-installed@SQLW");

            CliApplyTest.Run apply = CliApplyTest.cli("apply", "--config", cfg, "--plan",
                    cliPlan.get("hash").asText(), "--format", "json");
            JsonNode result = JSON.readTree(apply.out());
            List<String> statuses = new ArrayList<>();
            result.get("actions").forEach(a -> statuses.add(a.get("ruleId").asText() + "@"
                    + a.get("instance").asText() + "=" + a.get("status").asText()
                    + (a.get("fixed").asBoolean() ? " fixed" : "")));
            assertThat(statuses).as(apply.out()).containsExactlyInAnyOrder(
                    "master-key-protected-by-service-key@SQLA=FAILED",
                    "endpoint-connect-not-public@SQLB=SUCCEEDED fixed",
                    "peer-certificate-installed@SQLW=SUCCEEDED fixed");
            assertThat(apply.code()).isNotZero();
        }
    }
}
