package io.mirrorguard.agent.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/mirrorguard (dry run: it prints the java command) and the image that uses it as its entry point. */
class LauncherTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private String dryRun(Map<String, String> env, String... args) throws Exception {
        Path jar = Files.writeString(dir.resolve("mirrorguard.jar"), "not really a jar");
        List<String> command = new ArrayList<>(List.of("sh", ROOT.resolve("bin/mirrorguard").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("MIRRORGUARD_DRY_RUN", "1");
        pb.environment().put("MIRRORGUARD_JAR", jar.toString());
        pb.environment().remove("MIRRORGUARD_HEAP");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private Path config(int instances) throws Exception {
        StringBuilder y = new StringBuilder("instances:\n");
        for (int i = 0; i < instances; i++) {
            y.append("  - name: SQL").append(i).append("\n    host: 10.0.0.").append(i % 250).append('\n');
        }
        y.append("waivers:\n  - {rule: x, instance: SQL0, reason: r, expires: 2099-01-01}\n");
        return Files.writeString(dir.resolve("mirrorguard-" + instances + ".yml"), y.toString());
    }

    @Test
    void the_heap_follows_the_number_of_configured_instances_and_the_gc_is_serial() throws Exception {
        String small = dryRun(Map.of(), "run", "--config", config(3).toString());
        assertThat(small).contains("-Xmx128m", "-XX:+UseSerialGC", "-XX:NewRatio=4", "-XX:ReservedCodeCacheSize=64m",
                "-jar ", " run --config ");
        String large = dryRun(Map.of(), "run", "--config=" + config(1000));
        // (64 MB + 1,000 x 128 KB) x 2
        assertThat(large).contains("-Xmx" + (64 + 1000 * 128 / 1024) * 2 + "m");
    }

    @Test
    void a_cluster_agent_leaves_the_old_generation_room_and_a_single_agent_keeps_it_tight() throws Exception {
        Path single = config(10);
        Path cluster = Files.writeString(dir.resolve("cluster.yml"), Files.readString(single)
                + "storage:\n  path: data\n  url: jdbc:postgresql://db.example.com:5432/mirrorguard\n");
        Path commentedOut = Files.writeString(dir.resolve("commented.yml"), Files.readString(single)
                + "storage:\n  path: data\n  # url: jdbc:postgresql://db.example.com:5432/mirrorguard\n");

        assertThat(dryRun(Map.of(), "run", "--config", single.toString()))
                .contains("-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30");
        assertThat(dryRun(Map.of(), "run", "--config", commentedOut.toString()))
                .contains("-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30");
        assertThat(dryRun(Map.of(), "run", "--config", cluster.toString()))
                .contains("-XX:MinHeapFreeRatio=40 -XX:MaxHeapFreeRatio=70").contains("-Xmx" + (64 + 10 * 128 / 1024) * 2 + "m");
    }

    @Test
    void the_environment_overrides_the_estimate_and_adds_options_last() throws Exception {
        String out = dryRun(Map.of("MIRRORGUARD_HEAP", "3g", "JAVA_OPTS", "-Dx=y"), "audit", "--config",
                config(10).toString());
        assertThat(out).contains("-Xmx3g").contains("-Dx=y -jar ").endsWith("audit --config " + config(10));
    }

    @Test
    void the_image_runs_the_launcher() throws Exception {
        String d = Files.readString(ROOT.resolve("Dockerfile"), StandardCharsets.UTF_8);
        assertThat(d).contains("ENTRYPOINT [\"/app/bin/mirrorguard\"]")
                .contains("COPY --from=build /src/bin/mirrorguard /app/bin/mirrorguard")
                .contains("/app/mirrorguard.jar");
    }
}
