package io.mirrorguard.agent.remediation.sim;

import io.mirrorguard.rules.catalog.EndpointStarted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirrorguard.agent.cli.MirrorguardCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan → apply --plan HASH through the CLI: a stale hash sends nothing; the reviewed one fixes and verifies. */
class CliApplyTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MirrorguardCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void apply_runs_only_the_reviewed_plan() throws Exception {
        try (SimFleet sim = SimFleet.start("drift-endpoint-stopped.sql", dir)) {
            String cfg = sim.withRemediation(FixesEndToEndTest.REMEDIATION).toString();
            Run plan = cli("plan", "--config", cfg, "--rule", EndpointStarted.ID, "--format", "json");
            assertThat(plan.code()).as(plan.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(plan.out());
            String hash = json.get("hash").asText();
            assertThat(json.get("actions")).singleElement().satisfies(a -> {
                assertThat(a.get("instance").asText()).isEqualTo("SQLB");
                assertThat(a.get("sql").get(0).asText()).isEqualTo("ALTER ENDPOINT [Endpoint_Mirroring] STATE = STARTED;");
            });

            sim.clearBatches();
            Run stale = cli("apply", "--config", cfg, "--rule", EndpointStarted.ID, "--plan", "0".repeat(64));
            assertThat(stale.code()).isEqualTo(1);
            assertThat(stale.err()).contains("fleet changed since the plan was reviewed");
            sim.batches().forEach((n, b) -> assertThat(b).as(n).noneMatch(Sa::mutates));

            Run apply = cli("apply", "--config", cfg, "--rule", EndpointStarted.ID, "--plan", hash);
            assertThat(apply.code()).as(apply.out() + apply.err()).isZero();
            assertThat(apply.out()).contains("FIXED", "after: PASS");

            Run journal = cli("journal", "--config", cfg, "--format", "json");
            assertThat(journal.code()).isZero();
            assertThat(new ObjectMapper().readTree(journal.out()).get("entries")).anySatisfy(e -> {
                assertThat(e.get("status").asText()).isEqualTo("SUCCEEDED");
                assertThat(e.get("postAudit").asText()).isEqualTo("PASS");
            });

            Run bad = cli("apply", "--config", cfg, "--plan", "nothex");
            assertThat(bad.code()).isEqualTo(2);
        }
    }
}
