package io.mirrorguard.agent.demo;

import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigException;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.app.Daemon;
import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.agent.remediation.DaemonRemediation;
import java.time.Clock;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.simulator.InventoryWriter;
import io.mirrorguard.simulator.Simulator;
import io.mirrorguard.simulator.SimulatorOptions;
import io.mirrorguard.simulator.SimulatorRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * `mirrorguard demo`: a simulated fleet with drift and the daemon auditing it, in one process and one temporary
 * folder; {@link #close()} stops both and removes the folder.
 */
public final class FleetDemo implements AutoCloseable {

    /** Shipped scenarios, most instructive first: the demo takes the first one on the classpath. */
    static final List<String> SCENARIOS = List.of("demo-drift", "drift-witness-trusts-one-partner",
            "drift-peer-login-dropped", "procedure-two-partners-witness");

    public static final int DEFAULT_HTTP_PORT = InventoryWriter.DEFAULT_HTTP_PORT;

    private final Path dir;
    private final String scenario;
    private SimulatorRun simulator;
    private Daemon daemon;
    private AgentConfig config;
    private Path tokenFile;

    private FleetDemo(Path dir, String scenario) {
        this.dir = dir;
        this.scenario = scenario;
    }

    /**
     * Starts the simulator, writes its inventory (with {@code http.port} = {@code httpPort}, so the written config is
     * the one running), starts the daemon from it without a start-up audit; on any failure stops what had started and
     * removes the folder.
     */
    public static FleetDemo start(int httpPort) throws IOException, ConfigException {
        FleetDemo demo = new FleetDemo(Files.createTempDirectory("mirrorguard-demo-"), pickScenario());
        try {
            demo.simulator = Simulator.start(SimulatorOptions.of("classpath:" + demo.scenario)
                    .withInfo(line -> { }));
            Path inventory = demo.dir.resolve("mirrorguard.yml");
            demo.simulator.writeInventory(inventory, httpPort);
            demo.config = ConfigLoader.load(inventory);
            Path token = demo.dir.resolve(InventoryWriter.API_TOKEN_SECRET);
            demo.tokenFile = Files.exists(token) ? token : null;
            // The demo audits the fleet itself right away (auditNow); a scheduler start-up audit would repeat it.
            demo.daemon = Daemon.start(demo.config, null, false);
            DaemonRemediation.attach(demo.config, demo.daemon, Clock.systemUTC());
            return demo;
        } catch (IOException | ConfigException | RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    static String pickScenario() {
        for (String name : SCENARIOS) {
            if (FleetDemo.class.getClassLoader().getResource("scenarios/" + name + ".sql") != null) {
                return name;
            }
        }
        throw new IllegalStateException("no shipped scenario on the classpath (scenarios/*.sql)");
    }

    /** Audits the whole fleet now (blocking) and returns the engine's result, if the audit produced one. */
    public Optional<AuditResult> auditNow() throws InterruptedException {
        daemon.audits().auditFleet(AuditTrigger.STARTUP);
        return daemon.audits().latest()
                .map(Evaluation::result);
    }

    public String scenario() {
        return scenario;
    }

    public Path configFile() {
        return config.source();
    }

    /** The owner-only file holding the inventory's random API token (for POST /api/v1/audits). */
    public Optional<Path> tokenFile() {
        return Optional.ofNullable(tokenFile);
    }

    public AgentConfig config() {
        return config;
    }

    public SimulatorRun simulator() {
        return simulator;
    }

    public Daemon daemon() {
        return daemon;
    }

    /** Blocks until the daemon has stopped (Ctrl-C or {@link #close()}). */
    public void awaitStopped() throws InterruptedException {
        daemon.awaitStopped();
    }

    /** Idempotent: the daemon first (it is what talks to the fleet), then the simulator, then the folder. */
    @Override
    public synchronized void close() {
        if (daemon != null) {
            daemon.stop();
        }
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover in the temp folder is harmless; stopping must not fail because of it
        }
    }
}
