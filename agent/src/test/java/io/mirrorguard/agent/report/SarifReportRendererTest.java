package io.mirrorguard.agent.report;

import io.mirrorguard.rules.catalog.EndpointCertificateBackedUp;
import io.mirrorguard.rules.catalog.EndpointStarted;
import io.mirrorguard.rules.catalog.MasterKeyPresent;
import io.mirrorguard.rules.catalog.PeerLoginConnectGranted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SarifReportRendererTest {

    private static JsonNode parse(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    private static List<Error> validate(String sarif) {
        return SarifSchema.validate(sarif);
    }

    @Test
    void validates_against_the_official_schema_for_snapshot_and_config_audits() {
        String snapshot = new SarifReportRenderer().render(ReportFixtures.report());
        String config = new SarifReportRenderer("https://example.test/repo/blob/main/")
                .render(ReportFixtures.reportFromConfig("fleet/mirrorguard.yaml"));
        assertThat(validate(snapshot)).isEmpty();
        assertThat(validate(config)).isEmpty();
    }

    @Test
    void the_schema_check_is_not_vacuous() throws Exception {
        JsonNode broken = parse(new SarifReportRenderer().render(ReportFixtures.report()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/runs/0/results/0")).put("kind", "broken");
        assertThat(validate(broken.toString())).isNotEmpty();
    }

    @Test
    void rules_carry_what_github_needs() throws Exception {
        JsonNode rules = parse(new SarifReportRenderer("https://example.test/r/").render(ReportFixtures.report()))
                .at("/runs/0/tool/driver/rules");
        assertThat(rules).hasSize(ReportFixtures.rules().size());
        JsonNode started = rules.get(3);
        assertThat(started.get("id").asText()).isEqualTo(EndpointStarted.ID);
        assertThat(started.get("name").asText()).isEqualTo("EndpointStarted");
        assertThat(started.at("/shortDescription/text").asText()).isEqualTo("Mirroring endpoint started");
        assertThat(started.at("/fullDescription/text").asText()).isNotBlank();
        assertThat(started.at("/help/text").asText()).contains("docs/rules/endpoint-started.md");
        assertThat(started.at("/help/markdown").asText()).contains("**Mirroring endpoint started**");
        assertThat(started.get("helpUri").asText()).isEqualTo("https://example.test/r/docs/rules/endpoint-started.md");
        assertThat(started.at("/defaultConfiguration/level").asText()).isEqualTo("error");
        assertThat(started.at("/properties/security-severity").asText()).isEqualTo("9.5");
        assertThat(started.at("/properties/tags").toString()).contains("security", "outbound");
    }

    @Test
    void results_map_outcomes_to_kind_and_level_and_point_at_the_right_rule() throws Exception {
        JsonNode run = parse(new SarifReportRenderer().render(ReportFixtures.report())).at("/runs/0");
        JsonNode rules = run.at("/tool/driver/rules");
        List<String> kinds = new ArrayList<>();
        for (JsonNode r : run.get("results")) {
            kinds.add(r.get("kind").asText());
            if (r.has("ruleIndex")) {
                assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(r.get("ruleId").asText());
            } else {
                assertThat(r.get("ruleId").asText()).isEqualTo("unknown-rule");
            }
            if (!r.get("kind").asText().equals("fail")) {
                assertThat(r.get("level").asText()).isEqualTo("none");
            }
        }
        assertThat(kinds).contains("pass", "fail", "notApplicable", "open");
        JsonNode started = run.get("results").get(0);
        assertThat(started.get("ruleId").asText()).isEqualTo(MasterKeyPresent.ID);
        assertThat(run.at("/automationDetails/id").asText()).isEqualTo("mirrorguard/fleet/2026-11-26T10:00:05Z");
    }

    @Test
    void locations_are_logical_and_physical_only_where_a_file_exists() throws Exception {
        JsonNode results = parse(new SarifReportRenderer().render(ReportFixtures.report())).at("/runs/0/results");
        JsonNode inbound = find(results, PeerLoginConnectGranted.ID, "SQLA");
        JsonNode loc = inbound.at("/locations/0");
        // a snapshot audit has no file: no invented URI, only what was checked
        assertThat(loc.has("physicalLocation")).isFalse();
        assertThat(loc.get("logicalLocations")).extracting(n -> n.get("fullyQualifiedName").asText())
                .containsExactly("SQLA", "SQLA<-SQLB", "SQLB");
        assertThat(loc.get("logicalLocations")).allSatisfy(n -> assertThat(n.get("kind").asText()).isEqualTo("resource"));
        assertThat(find(results, EndpointStarted.ID, "SQLA").at("/locations/0/logicalLocations/1/fullyQualifiedName")
                .asText()).isEqualTo("SQLA/endpoint/Mirroring");

        // from a config: the file, at the instance's entry when its line is known, else the file alone
        JsonNode fromConfig = parse(new SarifReportRenderer(null, false, Map.of("SQLA", 12))
                .render(ReportFixtures.reportFromConfig("my fleet/a.yaml"))).at("/runs/0/results");
        JsonNode sqla = find(fromConfig, EndpointStarted.ID, "SQLA").at("/locations/0/physicalLocation");
        assertThat(sqla.at("/artifactLocation/uri").asText()).isEqualTo("my%20fleet/a.yaml");
        assertThat(sqla.at("/region/startLine").asInt()).isEqualTo(12);
        JsonNode sqlb = find(fromConfig, EndpointCertificateBackedUp.ID, "SQLB").at("/locations/0/physicalLocation");
        assertThat(sqlb.at("/artifactLocation/uri").asText()).isEqualTo("my%20fleet/a.yaml");
        assertThat(sqlb.has("region")).isFalse();
        assertThat(SarifSchema.validate(new SarifReportRenderer(null, false, Map.of("SQLA", 12))
                .render(ReportFixtures.reportFromConfig("my fleet/a.yaml")))).isEmpty();
    }

    @Test
    void passes_can_be_left_out() throws Exception {
        JsonNode all = parse(new SarifReportRenderer().render(ReportFixtures.report())).at("/runs/0/results");
        JsonNode noPass = parse(new SarifReportRenderer(null, true, Map.of()).render(ReportFixtures.report()))
                .at("/runs/0/results");
        List<String> kinds = new ArrayList<>();
        noPass.forEach(r -> kinds.add(r.get("kind").asText()));
        assertThat(kinds).doesNotContain("pass").contains("fail", "notApplicable", "open");
        long passes = 0;
        for (JsonNode r : all) {
            passes += r.get("kind").asText().equals("pass") ? 1 : 0;
        }
        assertThat(passes).isPositive();
        assertThat(noPass.size()).isEqualTo(all.size() - passes);
    }

    @Test
    void waived_findings_are_suppressed_and_fingerprints_are_unique() throws Exception {
        JsonNode results = parse(new SarifReportRenderer().render(ReportFixtures.report())).at("/runs/0/results");
        JsonNode waived = find(results, PeerLoginConnectGranted.ID, "SQLA");
        assertThat(waived.at("/suppressions/0/kind").asText()).isEqualTo("external");
        assertThat(waived.at("/suppressions/0/justification").asText()).contains("change CHG-1 in progress");
        JsonNode expired = find(results, EndpointCertificateBackedUp.ID, "SQLB");
        assertThat(expired.get("suppressions")).isEmpty();
        Set<String> fingerprints = new HashSet<>();
        results.forEach(r -> fingerprints.add(r.at("/partialFingerprints/mirrorguardFinding~1v1").asText()));
        assertThat(fingerprints).hasSize(results.size()).doesNotContain("");
    }

    private static JsonNode find(JsonNode results, String rule, String instance) {
        for (JsonNode r : results) {
            if (r.get("ruleId").asText().equals(rule) && r.at("/properties/instance").asText().equals(instance)) {
                return r;
            }
        }
        throw new AssertionError("no result " + rule + " on " + instance);
    }
}
