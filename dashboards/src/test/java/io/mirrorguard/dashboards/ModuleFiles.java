package io.mirrorguard.dashboards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Paths of the artefacts under test, resolved from the dashboards module whether run from it or the repo root. */
final class ModuleFiles {
    private ModuleFiles() {
    }

    static Path moduleDir() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path candidate : List.of(cwd, cwd.resolve("dashboards"))) {
            if (Files.isRegularFile(candidate.resolve("prometheus/alerts.yml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find the dashboards module (prometheus/alerts.yml) from " + cwd);
    }

    static Path repoRoot() {
        return moduleDir().getParent();
    }

    static Path alertRules() {
        return moduleDir().resolve("prometheus/alerts.yml");
    }

    static Path alertRulesTest() {
        return moduleDir().resolve("prometheus/alerts_test.yml");
    }

    static Path examplePrometheusConfig() {
        return moduleDir().resolve("prometheus/prometheus.example.yml");
    }

    static List<Path> dashboards() {
        Path dir = moduleDir().resolve("grafana");
        return List.of(dir.resolve("mirrorguard-fleet.json"), dir.resolve("mirrorguard-instance.json"));
    }

    /** Deletes a temp tree, best effort: a leftover temp dir must not fail the test that produced it. */
    static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
