package io.mirrorguard.simulator;

import io.mirrorguard.simulator.engine.SimulatedFleet;
import io.mirrorguard.simulator.engine.security.KeySource;
import io.mirrorguard.simulator.engine.SimulatedInstance;
import io.mirrorguard.simulator.scenario.Scenario;
import io.mirrorguard.simulator.scenario.EngineFleet;
import io.mirrorguard.simulator.scenario.ScenarioParser;
import io.mirrorguard.simulator.scenario.ScenarioRunner;
import io.mirrorguard.simulator.scenario.ScenarioSource;
import io.mirrorguard.simulator.tds.TdsServer;
import io.mirrorguard.simulator.tds.TlsMaterial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a simulator: runs the scenario, and only when it succeeded opens one TDS listener per instance on
 * 127.0.0.1. Used by {@link SimulatorMain}, the agent's demo and tests.
 */
public final class Simulator {
    private Simulator() {}

    /**
     * @throws io.mirrorguard.simulator.scenario.ScenarioException when the scenario cannot be read or a batch fails
     *         (nothing is listening then)
     */
    public static SimulatorRun start(SimulatorOptions options) {
        Scenario scenario = ScenarioParser.parse(ScenarioSource.of(options.scenario()));
        Instant now = options.now() != null ? options.now() : Instant.now();
        List<Path> temporary = new ArrayList<>();
        List<TdsServer> opened = new ArrayList<>();
        SimulatedFleet fleet = null;
        boolean started = false;
        try {
            Path fileArea = Files.createTempDirectory("mirrorguard-sim-files-");
            temporary.add(fileArea);
            fleet = new SimulatedFleet(now, fileArea, options.saPassword());
            if (options.keyPool() > 0) {
                fleet.useKeys(KeySource.pool(options.keyPool(), options.keySeed()));
            }
            ScenarioRunner.Summary summary = new ScenarioRunner(new EngineFleet(fleet), options.info()).run(scenario);

            List<SimulatedInstance> instances = inOrder(fleet, summary.instances());
            if (options.basePort() > 0 && options.basePort() + instances.size() - 1 > 65535) {
                throw new IllegalArgumentException("base port " + options.basePort() + " leaves no room for "
                        + instances.size() + " instances");
            }
            TlsMaterial tls = options.tlsKeystore() != null
                    ? TlsMaterial.load(options.tlsKeystore(), options.tlsKeystorePassword())
                    : TlsMaterial.selfSigned();

            Map<String, TdsServer> servers = new LinkedHashMap<>();
            for (int i = 0; i < instances.size(); i++) {
                SimulatedInstance inst = instances.get(i);
                int port = options.basePort() > 0 ? options.basePort() + i : 0;
                TdsServer server = TdsServer.start(inst, new InetSocketAddress(SimulatorDefaults.HOST, port), tls);
                opened.add(server);
                servers.put(inst.serverName(), server);
            }

            Path trustDir;
            if (options.inventoryOut() != null) {
                trustDir = options.inventoryOut().toAbsolutePath().normalize().getParent();
                Files.createDirectories(trustDir);
            } else {
                trustDir = Files.createTempDirectory("mirrorguard-sim-tls-");
                temporary.add(trustDir);
            }
            Path trustStore = trustDir.resolve(SimulatorDefaults.TRUST_STORE_FILE);
            tls.writeTrustStore(trustStore, SimulatorDefaults.TRUST_STORE_PASSWORD.toCharArray());

            SimulatorRun run = new SimulatorRun(fleet, servers, tls, trustStore, options.saPassword(), temporary);
            if (options.inventoryOut() != null) run.writeInventory(options.inventoryOut());
            started = true;
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the simulator's files: " + e.getMessage(), e);
        } finally {
            if (!started) {
                opened.forEach(TdsServer::close);
                if (fleet != null) fleet.close();
                temporary.forEach(SimulatorRun::deleteQuietly);
            }
        }
    }

    /** Instances in the order the scenario first used them, then any other the engine holds. */
    private static List<SimulatedInstance> inOrder(SimulatedFleet fleet, List<String> used) {
        List<SimulatedInstance> out = new ArrayList<>();
        for (String name : used) {
            SimulatedInstance i = fleet.instance(name);
            if (!out.contains(i)) out.add(i);
        }
        for (SimulatedInstance i : fleet.instances()) {
            if (!out.contains(i)) out.add(i);
        }
        return out;
    }
}
