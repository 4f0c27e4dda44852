package io.mirrorguard.agent.cli;

import io.mirrorguard.agent.cli.support.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.cli.support.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** storage.url naming a database nobody answers: one line naming the key, exit 3, no stack trace, no secret. */
class RunWithUnreachableStorageTest {

    @TempDir
    Path dir;

    @Test
    void an_unreachable_postgresql_is_a_startup_failure_naming_storage_url() throws Exception {
        Files.writeString(dir.resolve("audit.password"), "x");
        Files.writeString(dir.resolve("pg.password"), "pg-secret-not-printed");
        Path cfg = dir.resolve("mirrorguard.yml");
        Files.writeString(cfg, """
                instances:
                  - name: SQLA
                    host: 127.0.0.1
                    port: 1
                    auth: {type: sql, user: mirrorguard_audit, password: "${file:audit.password}"}
                schedule: {cron: "0 0 0 1 1 ? 2099"}
                http: {port: 1}
                storage:
                  url: jdbc:postgresql://127.0.0.1:1/mirrorguard
                  user: mirrorguard
                  password: ${file:pg.password}
                """);
        CliRun run = CliRun.of("run", "--config", cfg.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(run.err()).startsWith("mirrorguard run: cannot start the agent: storage.url "
                        + "jdbc:postgresql://127.0.0.1:1/mirrorguard: cannot connect to PostgreSQL: ")
                .doesNotContain("\tat ").doesNotContain("pg-secret-not-printed");
        assertThat(run.err().strip().lines()).hasSize(1);
    }
}
