package io.mirrorguard.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsAuthConfigTest {
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
        return new ConfigLoader(Map.of("MG_PW", "pw", "MG_TOKEN", "scrape-token")::get, Set.of()).read(file);
    }

    @Test
    void metrics_are_open_by_default_and_closed_with_metrics_auth() throws Exception {
        assertThat(load("").http().metricsAuth()).isFalse();
        assertThat(load("http: {tokens: [\"${env:MG_TOKEN}\"], metricsAuth: true}\n").http().metricsAuth()).isTrue();
    }

    @Test
    void metrics_auth_without_a_token_or_of_the_wrong_type_is_an_error_naming_the_key() {
        ConfigException none = assertThrows(ConfigException.class, () -> load("http: {metricsAuth: true}\n"));
        assertThat(none.getMessage()).contains("http.metricsAuth", "http.tokens");
        ConfigException typed = assertThrows(ConfigException.class,
                () -> load("http: {tokens: [\"${env:MG_TOKEN}\"], metricsAuth: \"yes\"}\n"));
        assertThat(typed.getMessage()).contains("http.metricsAuth");
    }
}
