package io.mirrorguard.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mirrorguard.agent.config.MetricsConfig.RuleDetail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsConfigTest {
    @TempDir
    Path dir;

    private static final String INSTANCE = """
            instances:
              - name: SQLA
                host: 127.0.0.1
                auth: {type: sql, user: mirrorguard_audit, password: "${env:MG_PW}"}
            """;

    private AgentConfig load(String yaml) throws Exception {
        Path file = dir.resolve("mirrorguard.yaml");
        Files.writeString(file, INSTANCE + yaml);
        return new ConfigLoader(Map.of("MG_PW", "pw")::get, Set.of()).read(file);
    }

    @Test
    void rule_detail_defaults_to_nonpass_and_binds_either_value() throws Exception {
        assertThat(load("").metrics().ruleDetail()).isEqualTo(RuleDetail.NONPASS);
        assertThat(load("metrics: {ruleDetail: all}\n").metrics().ruleDetail()).isEqualTo(RuleDetail.ALL);
        assertThat(load("metrics: {ruleDetail: NonPass}\n").metrics().ruleDetail()).isEqualTo(RuleDetail.NONPASS);
    }

    @Test
    void a_wrong_value_names_the_key_and_the_allowed_values() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("metrics: {ruleDetail: some}\n"));
        assertThat(e.getMessage()).contains("metrics.ruleDetail", "nonpass | all");
    }

    @Test
    void an_unknown_key_under_metrics_names_its_path() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("metrics: {ruleDetails: all}\n"));
        assertThat(e.getMessage()).contains("metrics.ruleDetails");
    }
}
