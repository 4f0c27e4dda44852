package io.mirrorguard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Auditing a subset never invents a FAIL (issue 12 item 1): `audit --config C --instance SQLB` on the correct
 * procedure fleet knows SQLA and SQLW from the config, so grants and certificates for them are not called stale.
 */
class PartialAuditTest {

    @RegisterExtension
    static final SimulatedInventory fleet = new SimulatedInventory("procedure-two-partners-witness");

    private static Set<String> outcomes(JsonNode report, String outcome) {
        Set<String> out = new TreeSet<>();
        report.get("findings").forEach(f -> {
            if (f.get("outcome").asText().equals(outcome)) {
                out.add(f.get("ruleId").asText() + "@" + f.get("instance").asText() + " " + f.get("message").asText());
            }
        });
        return out;
    }

    @Test
    void one_selected_instance_has_no_fail_the_full_audit_does_not_have() throws Exception {
        CliRun full = CliRun.of("audit", "--config", fleet.inventory().toString(), "--format", "json");
        assertThat(outcomes(new ObjectMapper().readTree(full.out()), "FAIL")).as(full.err()).isEmpty();

        for (String selected : new String[] {"SQLA", "SQLB", "SQLW"}) {
            CliRun partial = CliRun.of("audit", "--config", fleet.inventory().toString(), "--instance", selected,
                    "--format", "json");
            JsonNode report = new ObjectMapper().readTree(partial.out());
            assertThat(outcomes(report, "FAIL")).as("--instance " + selected).isEmpty();
            assertThat(partial.exitCode()).isZero();
            if (selected.equals("SQLB")) {
                assertThat(outcomes(report, "ERROR")).as("--instance SQLB")
                        .anySatisfy(m -> assertThat(m).startsWith("stale-endpoint-trust@SQLB")
                                .contains("not selected by --instance"));
            }
        }
    }
}
