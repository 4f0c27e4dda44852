package io.mirrorguard.agent.remediation.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.cli.MirrorguardCli;
import io.mirrorguard.agent.config.AgentConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan (text and json) sends exactly what a plain audit sends: the collector's catalog read and driver setup. */
class PlanSendsNothingTest {

    @TempDir
    Path dir;

    @Test
    void plan_sends_no_batch_beyond_the_audit() throws Exception {
        try (SimFleet sim = SimFleet.start("demo-drift.sql", dir)) {
            sim.withRemediation(FixesEndToEndTest.REMEDIATION);
            AgentConfig cfg = sim.config();
            sim.clearBatches();
            Audits.fresh(cfg);
            Set<String> auditBatches = new HashSet<>();
            sim.batches().values().forEach(auditBatches::addAll);
            assertThat(auditBatches).isNotEmpty();

            for (String format : List.of("text", "json")) {
                sim.clearBatches();
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = MirrorguardCli.execute(new PrintWriter(out), new PrintWriter(err), "plan", "--config",
                        sim.configFile().toString(), "--include-disruptive", "--include-stale-cleanup",
                        "--format", format);
                assertThat(code).as(err.toString()).isZero();
                assertThat(out.toString()).contains("REVOKE CONNECT ON ENDPOINT").doesNotContain("Mk!Example", "Kb!Example");
                for (Map.Entry<String, List<String>> e : sim.batches().entrySet()) {
                    assertThat(e.getValue()).as("batches on " + e.getKey())
                            .isNotEmpty()
                            .allSatisfy(b -> assertThat(auditBatches).contains(b))
                            .noneMatch(Sa::mutates);
                }
            }
        }
    }
}
