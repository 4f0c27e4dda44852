package io.mirrorguard.agent.store;

import io.mirrorguard.agent.audit.AuditRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Audits recorded before a kill -9 are all there when the store is opened again. */
class StoreCrashTest {
    @TempDir
    Path dir;

    @Test
    void committed_runs_survive_the_process_being_killed() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StoreCrashChild.class.getName(), dir.toString(), "5")
                .redirectErrorStream(true)
                .start();
        String last = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("COMMITTED") || line.startsWith("STARTED")) {
                    last = line;
                    if (line.equals("STARTED run-killed")) {
                        break;
                    }
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(last).as("child output").isEqualTo("STARTED run-killed");

        try (AuditStore store = AuditStore.open(dir)) {
            assertThat(store.recentRuns(100)).hasSize(6);
            // the run the kill cut short can never finish: it reads INTERRUPTED with the reason, not RUNNING forever
            assertThat(store.run("run-killed")).hasValueSatisfying(r -> {
                assertThat(r.outcome()).isEqualTo(AuditRun.Outcome.INTERRUPTED);
                assertThat(r.detail()).contains("stopped before this audit finished");
                assertThat(r.instances()).containsExactly("SQLA", "SQLB");
            });
            assertThat(store.run("run-5")).hasValueSatisfying(
                    r -> assertThat(r.outcome()).isEqualTo(AuditRun.Outcome.SUCCESS));
            for (int i = 1; i <= 5; i++) {
                assertThat(store.findingsOf("run-" + i)).singleElement()
                        .satisfies(f -> assertThat(f.outcome()).isEqualTo("FAIL"));
            }
            assertThat(store.lifecycles()).hasSize(5);
        }
    }
}
