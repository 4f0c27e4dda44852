package io.mirrorguard.agent.report;

import io.mirrorguard.rules.catalog.PeerLoginConnectGranted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportRendererTest {

    private final JsonNode json = parse(new JsonReportRenderer().render(ReportFixtures.report()));

    private static JsonNode parse(String s) {
        try {
            return new ObjectMapper().readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + e.getMessage() + "\n" + s, e);
        }
    }

    @Test
    void envelope_is_versioned_and_names_the_tool() {
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("generatedAt").asText()).isEqualTo("2026-11-26T10:00:05Z");
        assertThat(json.at("/tool/name").asText()).isEqualTo("mirrorguard");
        assertThat(json.at("/tool/version").asText()).isEqualTo("1.2.3");
    }

    @Test
    void findings_carry_the_contract_fields() {
        JsonNode findings = json.get("findings");
        assertThat(findings).hasSize(ReportFixtures.findings().size());
        for (JsonNode f : findings) {
            List<String> names = new ArrayList<>();
            f.fieldNames().forEachRemaining(names::add);
            assertThat(names).contains("ruleId", "instance", "peer", "subject", "outcome", "severity", "message",
                    "evidence");
            assertThat(f.get("evidence").has("observed")).isTrue();
            assertThat(f.get("evidence").has("expected")).isTrue();
            assertThat(f.get("evidence").get("facts").isObject()).isTrue();
        }
    }

    @Test
    void waiver_appears_only_where_one_applies() {
        List<JsonNode> withWaiver = new ArrayList<>();
        json.get("findings").forEach(f -> {
            if (f.has("waiver")) {
                withWaiver.add(f);
            }
        });
        assertThat(withWaiver).hasSize(2);
        assertThat(withWaiver).anySatisfy(f -> {
            assertThat(f.get("ruleId").asText()).isEqualTo(PeerLoginConnectGranted.ID);
            assertThat(f.at("/waiver/reason").asText()).isEqualTo("change CHG-1 in progress");
            assertThat(f.at("/waiver/expires").asText()).isEqualTo("2027-01-31");
            assertThat(f.at("/waiver/expired").asBoolean()).isFalse();
        });
    }

    @Test
    void peer_is_null_rather_than_absent_for_instance_rules() {
        JsonNode first = json.get("findings").get(0);
        assertThat(first.has("peer")).isTrue();
        assertThat(first.get("peer").isNull()).isTrue();
    }

    @Test
    void summary_and_instances_agree_with_the_findings() {
        assertThat(json.at("/summary/instances").asInt()).isEqualTo(4);
        assertThat(json.at("/summary/outcomes/FAIL").asInt()).isEqualTo(6);
        assertThat(json.at("/summary/failures/CRITICAL").asInt()).isEqualTo(2);
        assertThat(json.at("/summary/failures/MEDIUM").asInt()).isZero();
        assertThat(json.get("instances")).hasSize(4);
        assertThat(json.get("instances").get(3).get("audited").asBoolean()).isFalse();
        assertThat(json.get("instances").get(3).get("reason").asText()).contains("UNREACHABLE");
    }

    @Test
    void trust_and_links_are_listed() {
        assertThat(json.get("trust")).hasSize(4);
        assertThat(json.get("trust").get(1).get("missing").get(1).asText()).isEqualTo("CONNECT");
        assertThat(json.get("links").get(0).get("role").asText()).isEqualTo("PARTNER");
        assertThat(json.get("links").get(0).get("sources").get(0).asText()).isEqualTo("config");
    }

    @Test
    void hostile_values_survive_as_data() {
        assertThat(json.get("instances").get(3).get("instance").asText()).isEqualTo(ReportFixtures.HOSTILE);
    }
}
