package io.mirrorguard.agent.e2e;

import io.mirrorguard.rules.catalog.WitnessTrustBothWays;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.cli.MirrorguardCli;
import io.mirrorguard.simulator.Simulator;
import io.mirrorguard.simulator.SimulatorOptions;
import io.mirrorguard.simulator.SimulatorRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config topology that names a peer the audit does not cover: the correct procedure fleet, audited with only some
 * of its instances selected, or with a declared link to an instance that is not configured at all.
 */
class DeclaredTopologyAuditTest {

    @TempDir
    Path dir;

    private SimulatorRun run;
    private Path inventory;

    @BeforeEach
    void start() throws Exception {
        inventory = dir.resolve("mirrorguard.yml");
        run = Simulator.start(SimulatorOptions.of("classpath:procedure-two-partners-witness.sql")
                .withInventoryOut(inventory).withInfo(line -> { }));
    }

    @AfterEach
    void stop() {
        if (run != null) {
            run.close();
        }
    }

    private void declare(String a, String b) throws Exception {
        Files.writeString(inventory, "topology:\n  links:\n    - {a: " + a + ", b: " + b + ", role: partner}\n",
                StandardOpenOption.APPEND);
    }

    private record Cli(int code, String out, String err) {}

    private static Cli audit(String... extra) {
        List<String> args = new ArrayList<>(List.of("audit", "--format", "json"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MirrorguardCli.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        return new Cli(code, out.toString(), err.toString());
    }

    @Test
    void a_declared_partner_left_out_of_the_audit_is_unchecked_and_its_trust_is_not_called_stale() throws Exception {
        declare("SQLA", "SQLB");
        Cli cli = audit("--config", inventory.toString(), "--instance", "SQLA", "--instance", "SQLW");
        assertThat(cli.code()).as(cli.err()).isZero();
        ScenarioAudit audit = ScenarioAudit.parse(cli.code(), cli.out());

        // SQLB is named by the declared link, SQLA's session and SQLW's witness row. It is configured, only not
        // selected: its addresses are unchecked (ERROR naming why), not wrong, and a subset invents no FAIL.
        assertThat(audit.unwaivedFailures()).isEmpty();
        assertThat(audit.withOutcome("ERROR")).filteredOn(line -> line.startsWith("peer-address-resolved@"))
                .extracting(line -> line.substring(0, line.indexOf(':')))
                .contains("peer-address-resolved@SQLA", "peer-address-resolved@SQLW");
        assertThat(audit.withOutcome("ERROR")).anySatisfy(line -> assertThat(line)
                .startsWith("peer-address-resolved@SQLA").contains("SQLB (not collected: not selected by --instance)"));
        // SQLB's login and certificate on SQLA may be current trust: not judged, never FAIL
        assertThat(audit.withOutcome("ERROR")).anySatisfy(line -> assertThat(line)
                .startsWith("stale-endpoint-trust@SQLA").contains("SQLB_login"));
        // what can be checked still passes: the witness link between the audited instances
        assertThat(audit.findings()).anySatisfy(f -> {
            assertThat(f.path("ruleId").asText()).isEqualTo(WitnessTrustBothWays.ID);
            assertThat(f.path("instance").asText()).isEqualTo("SQLW");
            assertThat(f.path("peer").asText()).isEqualTo("SQLA");
            assertThat(f.path("outcome").asText()).isEqualTo("PASS");
        });
    }

    @Test
    void a_declared_link_to_an_instance_that_is_not_configured_is_a_config_error() throws Exception {
        declare("SQLA", "SQLX");
        Cli cli = audit("--config", inventory.toString());
        assertThat(cli.code()).isEqualTo(2);
        assertThat(cli.err()).contains("topology.links[0].b", "SQLX").doesNotContain("\tat ");
        assertThat(cli.out()).isEmpty();
    }
}
