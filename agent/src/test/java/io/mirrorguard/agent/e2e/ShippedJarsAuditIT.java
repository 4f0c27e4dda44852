package io.mirrorguard.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.simulator.scenario.ScenarioHeader;
import io.mirrorguard.simulator.scenario.ShippedScenarios;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chain exactly as acceptance runs it, through the packaged jars as separate processes:
 * {@code java -jar simulator/target/mirrorguard-simulator.jar --scenario ... --inventory-out inv.yml}, wait for
 * {@code ready}, then {@code java -jar agent/target/mirrorguard.jar audit --config inv.yml --format json}, then SIGTERM
 * the simulator. Runs under {@code mvn verify} (failsafe, after {@code package}); skipped when the jars are absent.
 */
class ShippedJarsAuditIT {

    private static final long READY_SECONDS = 120;
    private static final long AUDIT_SECONDS = 180;

    @TempDir
    Path dir;

    private static Path jar(String module, String name) {
        // failsafe runs with the agent module as working directory; the reactor root is its parent
        Path root = Path.of("").toAbsolutePath();
        if (root.getFileName() != null && root.getFileName().toString().equals("agent")) {
            root = root.getParent();
        }
        return root.resolve(module).resolve("target").resolve(name);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Four scenarios that cover a clean fleet, a trust break, live-connection facts and every fault kind;
     * {@code -De2e.jars.all=true} runs every shipped scenario (about 5 s each).
     */
    static Stream<String> scenarios() {
        if (Boolean.getBoolean("e2e.jars.all")) {
            return ShippedScenarios.names().stream();
        }
        return Stream.of("procedure-two-partners-witness.sql", "drift-witness-connect-denied.sql",
                "drift-unencrypted-connections.sql", "faults.sql");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void simulator_jar_then_agent_jar_audit_fails_exactly_the_header(String scenario) throws Exception {
        Path simulatorJar = jar("simulator", "mirrorguard-simulator.jar");
        Path agentJar = jar("agent", "mirrorguard.jar");
        Assumptions.assumeTrue(Files.isRegularFile(simulatorJar) && Files.isRegularFile(agentJar),
                "packaged jars not built: " + simulatorJar + ", " + agentJar);
        Path inventory = dir.resolve("inv.yml");

        Process simulator = new ProcessBuilder(java(), "-jar", simulatorJar.toString(),
                "--scenario", "classpath:" + scenario, "--inventory-out", inventory.toString())
                .redirectError(dir.resolve("simulator.err").toFile())
                .start();
        try {
            List<String> lines = awaitReady(simulator);
            assertThat(lines).as("simulator stdout").last().isEqualTo("ready");
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("trust store "));

            Process agent = new ProcessBuilder(java(), "-jar", agentJar.toString(),
                    "audit", "--config", inventory.toString(), "--format", "json")
                    .redirectOutput(dir.resolve("report.json").toFile())
                    .redirectError(dir.resolve("audit.err").toFile())
                    .start();
            assertThat(agent.waitFor(AUDIT_SECONDS, TimeUnit.SECONDS)).as("audit finished").isTrue();
            int code = agent.exitValue();
            String err = Files.readString(dir.resolve("audit.err"));
            assertThat(code).as("audit exit code; stderr: %s", err).isIn(0, 1);
            assertThat(simulator.isAlive()).as("simulator still serving after the audit").isTrue();

            ScenarioAudit audit = ScenarioAudit.parse(code, Files.readString(dir.resolve("report.json")));
            ScenarioHeader header = ScenarioHeader.read(ShippedScenarios.source(scenario));
            assertThat(audit.unwaivedFailures()).as(scenario).isEqualTo(ScenarioAudit.expected(header));
            assertThat(code).as("exit code").isEqualTo(audit.failsAtHighOrAbove() ? 1 : 0);
            assertThat(err).as("no password in the audit's stderr").doesNotContain("MirrorGuard!Audit1");
        } finally {
            simulator.destroy(); // SIGTERM: the simulator documents exit 0 after closing its listeners
            boolean stopped = simulator.waitFor(30, TimeUnit.SECONDS);
            if (!stopped) {
                simulator.destroyForcibly();
            }
            assertThat(stopped).as("simulator stopped on SIGTERM").isTrue();
            assertThat(simulator.exitValue()).as("simulator exit code after SIGTERM").isZero();
        }
    }

    /** The simulator's stdout up to its {@code ready} line (or its end, when it exits first). */
    private static List<String> awaitReady(Process simulator) throws Exception {
        List<String> lines = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.equals("ready")) {
                        return;
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        reading.get(READY_SECONDS, TimeUnit.SECONDS);
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
