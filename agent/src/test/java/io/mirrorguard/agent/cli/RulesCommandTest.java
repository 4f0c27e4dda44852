package io.mirrorguard.agent.cli;

import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.rules.catalog.InstanceAudited;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.engine.RuleEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesCommandTest {

    @Test
    void json_lists_every_registered_rule_in_catalog_order() throws Exception {
        CliRun run = CliRun.of("rules", "--format", "json");
        assertThat(run.exitCode()).isZero();
        JsonNode rules = new ObjectMapper().readTree(run.out()).get("rules");
        List<String> ids = new ArrayList<>();
        rules.forEach(r -> {
            ids.add(r.get("id").asText());
            assertThat(r.get("title").asText()).isNotBlank();
            assertThat(r.get("severity").asText()).isIn("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO");
            assertThat(r.get("category").asText()).isNotBlank();
            assertThat(r.has("description")).isTrue();
        });
        assertThat(ids).containsExactlyElementsOf(
                BuiltInRules.engine().descriptors().stream().map(RuleDescriptor::id).toList());
        assertThat(ids).contains(InstanceAudited.ID);
    }

    @Test
    void text_lists_every_rule_one_per_line() {
        CliRun run = CliRun.of("rules");
        assertThat(run.exitCode()).isZero();
        for (RuleDescriptor d : BuiltInRules.engine().descriptors()) {
            assertThat(run.out()).containsPattern("(?m)^" + java.util.regex.Pattern.quote(d.id()) + "\\s");
        }
    }

    @Test
    void unknown_format_is_a_usage_error() {
        CliRun run = CliRun.of("rules", "--format", "yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format");
    }
}
