package io.mirrorguard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

    @TempDir
    Path dir;

    @Test
    void exits_0_when_nothing_fails() throws Exception {
        Path snap = TestSnapshots.write(dir, "ok.json", TestSnapshots.standalone("SQLA"));
        CliRun run = CliRun.of("audit", "--snapshot", snap.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("== SQLA (audited) ==", "\u2714 ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void exits_1_when_an_unwaived_fail_reaches_the_threshold() throws Exception {
        Path snap = TestSnapshots.write(dir, "down.json", TestSnapshots.standalone("SQLA"),
                TestSnapshots.unreachable("SQLB"));
        CliRun run = CliRun.of("audit", "--snapshot", snap.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/summary/failures/HIGH").asInt()).isPositive();
    }

    @Test
    void fail_on_critical_ignores_a_high_failure() throws Exception {
        Path snap = TestSnapshots.write(dir, "down.json", TestSnapshots.unreachable("SQLB"));
        assertThat(CliRun.of("audit", "--snapshot", snap.toString(), "--fail-on", "critical").exitCode())
                .isEqualTo(0);
        assertThat(CliRun.of("audit", "--snapshot", snap.toString(), "--fail-on", "HIGH").exitCode())
                .isEqualTo(1);
    }

    @Test
    void writes_the_report_to_output_and_summarises_on_stdout() throws Exception {
        Path snap = TestSnapshots.write(dir, "down.json", TestSnapshots.unreachable("SQLB"));
        Path out = dir.resolve("audit.sarif");
        CliRun run = CliRun.of("audit", "--snapshot", snap.toString(), "--format", "sarif", "--output",
                out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(Files.readString(out)).get("version").asText()).isEqualTo("2.1.0");
        assertThat(run.out()).contains("wrote sarif report to " + out, "1 unwaived FAIL at or above HIGH");
    }

    @Test
    void output_into_a_missing_directory_is_an_input_error_and_creates_nothing() throws Exception {
        Path snap = TestSnapshots.write(dir, "down.json", TestSnapshots.unreachable("SQLB"));
        Path out = dir.resolve("reprots/audit.json");
        CliRun run = CliRun.of("audit", "--snapshot", snap.toString(), "--output", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--output " + out + ": directory " + out.getParent() + " does not exist")
                .doesNotContain("\tat ");
        assertThat(out.getParent()).doesNotExist();
    }

    @Test
    void every_format_renders_from_the_command_line() throws Exception {
        Path snap = TestSnapshots.write(dir, "ok.json", TestSnapshots.standalone("SQLA"));
        for (String format : new String[] {"json", "text", "sarif", "junit", "html", "md"}) {
            CliRun run = CliRun.of("audit", "--snapshot", snap.toString(), "--format", format);
            assertThat(run.exitCode()).as(format + ": " + run.err()).isZero();
            assertThat(run.out()).as(format).contains("SQLA");
        }
    }

    @Test
    void missing_file_is_an_input_error_naming_the_file() {
        Path missing = dir.resolve("nope.json");
        CliRun run = CliRun.of("audit", "--snapshot", missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("snapshot " + missing + ": file not found").doesNotContain("\tat ");
    }

    @Test
    void malformed_json_is_an_input_error_without_stack_trace() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"formatVersion\": 1, \"takenAt\": ");
        CliRun run = CliRun.of("audit", "--snapshot", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("snapshot " + bad + ": invalid at").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void wrong_type_names_the_json_path() throws Exception {
        Path snap = TestSnapshots.write(dir, "ok.json", TestSnapshots.standalone("SQLA"));
        Path bad = dir.resolve("typed.json");
        Files.writeString(bad, Files.readString(snap).replaceFirst("\"formatVersion\"\\s*:\\s*1", "\"formatVersion\": \"one\""));
        CliRun run = CliRun.of("audit", "--snapshot", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("$.formatVersion");
    }

    @Test
    void an_instance_listed_twice_is_an_input_error_naming_the_json_path() throws Exception {
        Path snap = TestSnapshots.write(dir, "twice.json", TestSnapshots.standalone("SQLA"),
                TestSnapshots.standalone("SQLA"));
        CliRun run = CliRun.of("audit", "--snapshot", snap.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("snapshot " + snap + ": invalid at $.instances[1].target.name",
                "'SQLA'", "$.instances[0]").doesNotContain("\tat ");
    }

    @Test
    void names_differing_only_in_case_are_the_same_instance_and_rejected() throws Exception {
        Path snap = TestSnapshots.write(dir, "case.json", TestSnapshots.standalone("SQLA"),
                TestSnapshots.standalone("sqla"));
        CliRun run = CliRun.of("audit", "--snapshot", snap.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("$.instances[1].target.name", "case").doesNotContain("\tat ");
    }

    @Test
    void a_duplicate_json_key_is_an_input_error() throws Exception {
        Path snap = TestSnapshots.write(dir, "ok.json", TestSnapshots.standalone("SQLA"));
        Path bad = dir.resolve("dupkey.json");
        Files.writeString(bad, Files.readString(snap).replaceFirst("\"formatVersion\"\\s*:\\s*1",
                "\"formatVersion\": 1, \"formatVersion\": 1"));
        CliRun run = CliRun.of("audit", "--snapshot", bad.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("duplicate", "formatVersion").doesNotContain("\tat ");
    }

    @Test
    void a_declared_link_to_an_instance_not_in_the_snapshot_is_accepted_and_reported() throws Exception {
        Path snap = TestSnapshots.write(dir, "ok.json", TestSnapshots.standalone("SQLA"));
        Path linked = dir.resolve("linked.json");
        Files.writeString(linked, Files.readString(snap).replaceFirst("\"declaredLinks\"\\s*:\\s*\\[\\s*\\]",
                "\"declaredLinks\": [{\"a\": \"SQLA\", \"b\": \"SQLZ\", \"role\": \"PARTNER\"}]"));
        assertThat(Files.readString(linked)).contains("SQLZ");
        CliRun run = CliRun.of("audit", "--snapshot", linked.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isBetween(0, 1);
        assertThat(run.out()).contains("SQLZ", "not audited");
    }

    @Test
    void usage_errors_exit_2_with_usage() {
        CliRun none = CliRun.of("audit");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("give --snapshot FILE or --config FILE", "Usage: mirrorguard audit");

        CliRun badFormat = CliRun.of("audit", "--snapshot", "x.json", "--format", "pdf");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("unknown report format 'pdf'");

        CliRun badSeverity = CliRun.of("audit", "--snapshot", "x.json", "--fail-on", "SEVERE");
        assertThat(badSeverity.exitCode()).isEqualTo(2);
        assertThat(badSeverity.err()).contains("--fail-on");

        CliRun unknown = CliRun.of("audti");
        assertThat(unknown.exitCode()).isEqualTo(2);

        CliRun instanceWithSnapshot = CliRun.of("audit", "--snapshot", "x.json", "--instance", "SQLA");
        assertThat(instanceWithSnapshot.exitCode()).isEqualTo(2);
        assertThat(instanceWithSnapshot.err()).contains("cannot filter a --snapshot");
    }

    @Test
    void no_command_is_a_usage_error() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: mirrorguard");
    }
}
