package io.mirrorguard.simulator.tds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RequiredToolsTest {
    @Test
    void hosted_ci_variable_does_not_turn_skips_into_failures() {
        assertThat(RequiredTools.mustNotSkip(Map.of("CI", "true"))).isFalse();
        assertThat(RequiredTools.mustNotSkip(Map.of())).isFalse();
    }

    @Test
    void project_variable_does() {
        assertThat(RequiredTools.mustNotSkip(Map.of("MIRRORGUARD_REQUIRE_TOOLS", "true"))).isTrue();
        assertThat(RequiredTools.mustNotSkip(Map.of("MIRRORGUARD_REQUIRE_TOOLS", "false", "CI", "true"))).isFalse();
    }
}
