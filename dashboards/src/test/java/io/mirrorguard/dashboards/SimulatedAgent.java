package io.mirrorguard.dashboards;

import io.mirrorguard.rules.catalog.BuiltInRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigException;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.app.Daemon;
import io.mirrorguard.agent.audit.InstanceStatus;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.simulator.Simulator;
import io.mirrorguard.simulator.SimulatorOptions;
import io.mirrorguard.simulator.SimulatorRun;

/**
 * The real agent daemon, started in-process as {@code mirrorguard run} would, auditing a simulated fleet over TDS:
 * the simulator runs a shipped scenario (re-anchored to now, see {@link AnchoredScenario}), writes its inventory,
 * the agent loads it with {@link ConfigLoader} and audits every instance once at start. Close it to stop both.
 */
final class SimulatedAgent implements AutoCloseable {
    private static final Duration FIRST_AUDITS = Duration.ofSeconds(90);

    private final String scenario;
    private final Path dir;
    private final SimulatorRun simulator;
    private final Daemon daemon;
    private final AgentConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SimulatedAgent(String scenario, Path dir, SimulatorRun simulator, Daemon daemon, AgentConfig config) {
        this.scenario = scenario;
        this.dir = dir;
        this.simulator = simulator;
        this.daemon = daemon;
        this.config = config;
    }

    /** Starts the simulator on scenarios/NAME.sql and the agent on it; returns once every instance was audited. */
    static SimulatedAgent start(String scenarioName) throws IOException {
        Path dir = Files.createTempDirectory("mirrorguard-dashboards-" + scenarioName + "-");
        Path scenario = AnchoredScenario.write(scenarioName, Instant.now(), dir.resolve("scenario"));
        Path inventory = dir.resolve("agent/mirrorguard.yml");
        SimulatorRun simulator = Simulator.start(SimulatorOptions.of(scenario.toString())
                .withInventoryOut(inventory).withInfo(line -> { }));
        Daemon daemon = null;
        try {
            // the inventory as written, except for the start-up jitter
            String written = Files.readString(inventory);
            String yaml = written.replace("jitterSeconds: 30", "jitterSeconds: 0");
            if (yaml.equals(written)) {
                throw new IllegalStateException("the simulator's inventory changed shape; adjust SimulatedAgent:\n"
                        + written);
            }
            Files.writeString(inventory, yaml);
            Set<String> ruleIds = BuiltInRules.engine().descriptors().stream().map(RuleDescriptor::id)
                    .collect(Collectors.toSet());
            AgentConfig config;
            try {
                config = new ConfigLoader(name -> null, ruleIds).read(inventory);
            } catch (ConfigException e) {
                throw new IllegalStateException("the simulator's inventory for " + scenarioName
                        + " does not load: " + e.getMessage(), e);
            }
            daemon = Daemon.start(config, 0);
            SimulatedAgent agent = new SimulatedAgent(scenarioName, dir, simulator, daemon, config);
            agent.awaitFirstAudits();
            return agent;
        } catch (RuntimeException | Error | IOException e) {
            if (daemon != null) {
                daemon.stop();
            }
            simulator.close();
            throw e;
        }
    }

    private void awaitFirstAudits() {
        Instant deadline = Instant.now().plus(FIRST_AUDITS);
        while (!allAudited()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("agent on " + scenario + " did not audit every instance within "
                        + FIRST_AUDITS + ": " + daemon.audits().statuses());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the agent's first audits", e);
            }
        }
    }

    private boolean allAudited() {
        List<InstanceStatus> statuses = daemon.audits().statuses();
        // the fleet evaluation after the last collection is what the metrics show
        return !statuses.isEmpty() && statuses.stream().allMatch(s -> s.lastAuditAt() != null)
                && daemon.audits().latest().map(e -> e.snapshot().instances().size() == statuses.size())
                        .orElse(false);
    }

    String scenario() {
        return scenario;
    }

    Daemon daemon() {
        return daemon;
    }

    AgentConfig config() {
        return config;
    }

    /** host:port of the agent's HTTP API, as a Prometheus static target. */
    String target() {
        return "127.0.0.1:" + daemon.httpPort();
    }

    /** GET /metrics in the Prometheus text format, as Prometheus would scrape it. */
    String scrape() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + target() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + request.uri(), e);
        }
    }

    @Override
    public void close() {
        try {
            daemon.stop();
        } finally {
            simulator.close();
            ModuleFiles.deleteRecursively(dir);
        }
    }

    @Override
    public String toString() {
        return "agent on " + scenario + " at " + target();
    }
}
