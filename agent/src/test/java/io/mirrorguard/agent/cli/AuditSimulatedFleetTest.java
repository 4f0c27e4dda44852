package io.mirrorguard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * `audit --config` end to end: the simulator serves the demo's drifted fleet over TDS with TLS, the CLI collects it
 * with the inventory the simulator wrote, and the report names the drift the scenario introduced.
 */
class AuditSimulatedFleetTest {

    @RegisterExtension
    static final SimulatedInventory fleet = new SimulatedInventory("demo-drift");

    private static Set<String> failing(JsonNode report) {
        Set<String> out = new HashSet<>();
        report.get("findings").forEach(f -> {
            if (f.get("outcome").asText().equals("FAIL")) {
                String peer = f.get("peer").isNull() ? "" : "<-" + f.get("peer").asText();
                out.add(f.get("ruleId").asText() + "@" + f.get("instance").asText() + peer);
            }
        });
        return out;
    }

    @Test
    void collects_the_fleet_and_reports_the_scenarios_drift() throws Exception {
        CliRun run = CliRun.of("audit", "--config", fleet.inventory().toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.at("/summary/instances").asInt()).isEqualTo(3);
        assertThat(report.at("/summary/audited").asInt()).as(report.get("instances").toString()).isEqualTo(3);
        assertThat(failing(report)).contains(
                "master-key-protected-by-service-key@SQLA",
                "endpoint-connect-not-public@SQLB",
                "peer-certificate-installed@SQLW<-SQLA");
        assertThat(report.get("source").asText()).isEqualTo(fleet.inventory().toString());
    }

    @Test
    void instance_selection_collects_only_the_named_instances() throws Exception {
        CliRun run = CliRun.of("audit", "--config", fleet.inventory().toString(), "--instance", "sqlb",
                "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("instances")).hasSize(1);
        assertThat(report.at("/instances/0/instance").asText()).isEqualTo("SQLB");
        assertThat(failing(report)).contains("endpoint-connect-not-public@SQLB");
    }

    @Test
    void sarif_of_a_config_audit_points_at_the_config_file() throws Exception {
        CliRun run = CliRun.of("audit", "--config", fleet.inventory().toString(), "--format", "sarif");
        JsonNode sarif = new ObjectMapper().readTree(run.out());
        assertThat(sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo(fleet.inventory().toUri().toString());
        // each result points at the line of its instance's entry in that file
        List<String> config = Files.readAllLines(fleet.inventory());
        int checked = 0;
        for (JsonNode r : sarif.at("/runs/0/results")) {
            String instance = r.at("/properties/instance").asText();
            int line = r.at("/locations/0/physicalLocation/region/startLine").asInt();
            assertThat(config.get(line - 1)).as(instance).matches("\\s*-\\s*name:\\s*['\"]?" + instance + "['\"]?\\s*");
            checked++;
        }
        assertThat(checked).isPositive();
    }

    @Test
    void sarif_can_leave_passes_out() throws Exception {
        CliRun all = CliRun.of("audit", "--config", fleet.inventory().toString(), "--format", "sarif");
        CliRun noPass = CliRun.of("audit", "--config", fleet.inventory().toString(), "--format", "sarif",
                "--omit-pass");
        JsonNode withPasses = new ObjectMapper().readTree(all.out()).at("/runs/0/results");
        JsonNode without = new ObjectMapper().readTree(noPass.out()).at("/runs/0/results");
        assertThat(withPasses.findValuesAsText("kind")).contains("pass");
        assertThat(without.findValuesAsText("kind")).doesNotContain("pass").contains("fail");
        assertThat(without.size()).isPositive().isLessThan(withPasses.size());
        assertThat(CliRun.of("audit", "--config", fleet.inventory().toString(), "--omit-pass").exitCode())
                .isEqualTo(2);
    }
}
