package io.mirrorguard.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs `promtool check rules`, `promtool test rules` and `promtool check config` on the shipped files. */
class PromtoolRulesTest {
    private static ExternalTool promtool;

    @BeforeAll
    static void findPromtool() {
        promtool = ExternalTool.require("promtool");
    }

    @Test
    void alertRulesPassCheck() {
        ExternalTool.Result result = promtool.run(ModuleFiles.moduleDir(), "check", "rules",
                ModuleFiles.alertRules().toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void alertRuleUnitTestsPass() {
        ExternalTool.Result result = promtool.run(ModuleFiles.alertRulesTest().getParent(), "test", "rules",
                ModuleFiles.alertRulesTest().getFileName().toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void exampleConfigWithItsRuleFileIsValid() {
        ExternalTool.Result result = promtool.run(ModuleFiles.moduleDir(), "check", "config",
                ModuleFiles.examplePrometheusConfig().toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("1 rule files found");
    }

    /** Guards the two tests above against a promtool that accepts anything. */
    @Test
    void brokenRuleAndWrongExpectationAreRejected(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yml"), """
                groups:
                  - name: bad
                    rules:
                      - alert: Bad
                        expr: sum by (instance (mirrorguard_instance_up)
                """);
        assertThat(promtool.run(dir, "check", "rules", "bad.yml").exitCode()).isNotZero();

        Files.copy(ModuleFiles.alertRules(), dir.resolve("alerts.yml"));
        Files.writeString(dir.resolve("wrong_test.yml"), """
                rule_files: [alerts.yml]
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'mirrorguard_instance_up{instance="SQLA"}'
                        values: '1x30'
                    alert_rule_test:
                      - eval_time: 20m
                        alertname: MirrorguardInstanceUnreachable
                        exp_alerts:
                          - exp_labels: {severity: warning, instance: SQLA}
                """);
        ExternalTool.Result wrong = promtool.run(dir, "test", "rules", "wrong_test.yml");
        assertThat(wrong.exitCode()).as(wrong.output()).isNotZero();
        assertThat(wrong.output()).contains("FAILED");
    }
}
