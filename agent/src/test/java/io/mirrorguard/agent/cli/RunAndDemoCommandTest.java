package io.mirrorguard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The long-running commands' failure paths: they must fail fast with a clear message and the right exit code. */
class RunAndDemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void run_needs_a_config() {
        CliRun run = CliRun.of("run");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--config");
    }

    @Test
    void run_with_a_missing_config_is_an_input_error() {
        CliRun run = CliRun.of("run", "--config", dir.resolve("none.yml").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("file not found");
    }

    @Test
    void http_port_out_of_range_is_a_usage_error() {
        assertThat(CliRun.of("run", "--config", "x.yml", "--http-port", "70000").exitCode()).isEqualTo(2);
        CliRun demo = CliRun.of("demo", "--http-port", "0");
        assertThat(demo.exitCode()).isEqualTo(2);
        assertThat(demo.err()).contains("--http-port: 0 is not a port");
    }

    @Test
    void a_taken_port_is_reported_as_a_startup_failure_not_a_stack_trace() throws Exception {
        Files.writeString(dir.resolve("audit.password"), "x");
        Path cfg = dir.resolve("mirrorguard.yml");
        Files.writeString(cfg, """
                instances:
                  - name: SQLA
                    host: 127.0.0.1
                    port: 1
                    auth: {type: sql, user: mirrorguard_audit, password: "${file:audit.password}"}
                schedule: {cron: "0 0 0 1 1 ? 2099"}
                storage: {path: ./data}
                """);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("run", "--config", cfg.toString(), "--http-port",
                    String.valueOf(taken.getLocalPort()));
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
            assertThat(run.err()).contains("cannot start the agent").doesNotContain("\tat ");
        }
    }
}
