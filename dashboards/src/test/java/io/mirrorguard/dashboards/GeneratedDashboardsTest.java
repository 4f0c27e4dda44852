package io.mirrorguard.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed dashboard JSON is what grafana/generate.py produces, so the script stays their source. */
class GeneratedDashboardsTest {

    @Test
    void committedJsonMatchesTheGenerator(@TempDir Path out) throws Exception {
        Assumptions.assumeTrue(ExternalTool.find("python3").isPresent(), "python3 not on PATH");
        Path script = ModuleFiles.moduleDir().resolve("grafana/generate.py");
        ExternalTool.Result result = new ExternalTool(ExternalTool.find("python3").orElseThrow())
                .run(ModuleFiles.moduleDir(), script.toString(), "--out", out.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        for (Path committed : ModuleFiles.dashboards()) {
            assertThat(Files.readString(out.resolve(committed.getFileName())))
                    .as(committed + " differs from generate.py's output; run python3 dashboards/grafana/generate.py")
                    .isEqualTo(Files.readString(committed));
        }
    }
}
