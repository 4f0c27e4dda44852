package io.mirrorguard.agent.cli;

import io.mirrorguard.rules.catalog.InstanceAudited;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `audit` with a config file: policy and waivers from it, and its errors. No server is contacted here. */
class AuditConfigTest {

    @TempDir
    Path dir;

    private Path config(String extra) throws Exception {
        Files.writeString(dir.resolve("audit.password"), "not-used");
        Path file = dir.resolve("mirrorguard.yml");
        Files.writeString(file, """
                instances:
                  - name: SQLB
                    host: 127.0.0.1
                    port: 1
                    auth: {type: sql, user: mirrorguard_audit, password: "${file:audit.password}"}
                """ + extra);
        return file;
    }

    @Test
    void waiver_from_the_config_turns_a_failing_snapshot_into_a_pass() throws Exception {
        Path snap = TestSnapshots.write(dir, "down.json", TestSnapshots.unreachable("SQLB"));
        Path cfg = config("""
                waivers:
                  - {rule: instance-audited, instance: SQLB, reason: "decommissioning, CHG-42", expires: 2099-01-31}
                """);
        assertThat(CliRun.of("audit", "--snapshot", snap.toString()).exitCode()).isEqualTo(1);
        CliRun run = CliRun.of("audit", "--snapshot", snap.toString(), "--config", cfg.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode audited = null;
        for (JsonNode f : new ObjectMapper().readTree(run.out()).get("findings")) {
            if (f.get("ruleId").asText().equals(InstanceAudited.ID)) {
                audited = f;
            }
        }
        assertThat(audited).isNotNull();
        assertThat(audited.get("outcome").asText()).isEqualTo("FAIL");
        assertThat(audited.at("/waiver/reason").asText()).isEqualTo("decommissioning, CHG-42");
    }

    @Test
    void severity_override_from_the_config_applies_to_the_threshold() throws Exception {
        Path snap = TestSnapshots.write(dir, "down.json", TestSnapshots.unreachable("SQLB"));
        Path cfg = config("""
                rules:
                  severity: {instance-audited: LOW}
                """);
        assertThat(CliRun.of("audit", "--snapshot", snap.toString(), "--config", cfg.toString()).exitCode())
                .isZero();
        assertThat(CliRun.of("audit", "--snapshot", snap.toString(), "--config", cfg.toString(), "--fail-on", "low")
                .exitCode()).isEqualTo(1);
    }

    @Test
    void invalid_config_exits_2_naming_every_bad_key() throws Exception {
        Path snap = TestSnapshots.write(dir, "ok.json", TestSnapshots.standalone("SQLA"));
        Path cfg = config("""
                policy: {expiryWarningDays: many}
                shedule: {}
                """);
        CliRun run = CliRun.of("audit", "--snapshot", snap.toString(), "--config", cfg.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("policy.expiryWarningDays", "shedule").doesNotContain("\tat ");
    }

    @Test
    void missing_config_exits_2() {
        Path missing = dir.resolve("absent.yml");
        CliRun run = CliRun.of("audit", "--config", missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("config " + missing + ": file not found");
    }

    @Test
    void unknown_instance_exits_2_listing_the_configured_ones() throws Exception {
        Path cfg = config("");
        CliRun run = CliRun.of("audit", "--config", cfg.toString(), "--instance", "SQLZ");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--instance SQLZ: not in", "(configured: SQLB)");
    }
}
