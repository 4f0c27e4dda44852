package io.mirrorguard.agent.cli;

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
        Path cfg = config();
        CliRun run = CliRun.of("run", "--config", cfg.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(run.err()).startsWith("mirrorguard run: cannot start the agent: storage.url "
                        + "jdbc:postgresql://127.0.0.1:1/mirrorguard: cannot connect to PostgreSQL: ")
                .doesNotContain("\tat ").doesNotContain("pg-secret-not-printed");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    /** The CLI's remediation commands read and write the cluster's journal: the same one line when it is down. */
    @Test
    void the_journal_command_says_in_one_line_that_the_clusters_database_cannot_be_reached() throws Exception {
        CliRun run = CliRun.of("journal", "--config", config().toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(run.err()).startsWith("mirrorguard journal: storage.url "
                        + "jdbc:postgresql://127.0.0.1:1/mirrorguard: cannot connect to PostgreSQL: ")
                .doesNotContain("\tat ").doesNotContain("pg-secret-not-printed").doesNotContain("unexpected");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    private Path config() throws Exception {
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
        return cfg;
    }
}
