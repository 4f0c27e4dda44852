package io.mirrorguard.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.cli.MirrorguardCli;
import io.mirrorguard.simulator.Simulator;
import io.mirrorguard.simulator.SimulatorDefaults;
import io.mirrorguard.simulator.SimulatorOptions;
import io.mirrorguard.simulator.SimulatorRun;
import io.mirrorguard.simulator.tds.TlsMaterial;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end audits validate the simulator's TLS certificate rather than trusting any: with a trust store that
 * holds some other certificate, nothing is audited and nothing passes.
 */
class TlsValidationAuditTest {

    @TempDir
    Path dir;

    @Test
    void a_trust_store_without_the_simulator_certificate_fails_every_instance_and_passes_nothing() throws Exception {
        Path inventory = dir.resolve("mirrorguard.yml");
        try (SimulatorRun run = Simulator.start(SimulatorOptions.of("classpath:procedure-two-partners-witness.sql")
                .withInventoryOut(inventory).withInfo(line -> { }))) {
            TlsMaterial.selfSigned().writeTrustStore(dir.resolve(SimulatorDefaults.TRUST_STORE_FILE),
                    SimulatorDefaults.TRUST_STORE_PASSWORD.toCharArray());

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = MirrorguardCli.execute(new PrintWriter(out), new PrintWriter(err),
                    "audit", "--config", inventory.toString(), "--format", "json");
            ScenarioAudit audit = ScenarioAudit.parse(code, out.toString());

            assertThat(code).isEqualTo(1);
            assertThat(audit.unwaivedFailures()).containsExactlyInAnyOrder(
                    "instance-audited@SQLA", "instance-audited@SQLB", "instance-audited@SQLW");
            assertThat(audit.withOutcome("FAIL")).allSatisfy(line -> assertThat(line).containsIgnoringCase("TLS"));
            assertThat(audit.withOutcome("PASS")).isEmpty();
        }
    }
}
