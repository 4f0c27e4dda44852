package io.mirrorguard.agent.remediation.sim;

import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.simulator.Simulator;
import io.mirrorguard.simulator.SimulatorDefaults;
import io.mirrorguard.simulator.SimulatorOptions;
import io.mirrorguard.simulator.SimulatorRun;
import io.mirrorguard.simulator.engine.SimulatedInstance;
import io.mirrorguard.simulator.scenario.ScenarioHeader;
import io.mirrorguard.simulator.scenario.ShippedScenarios;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A shipped scenario on the simulator ({@link Simulator#start}) behind TDS listeners on 127.0.0.1 with TLS, and the
 * agent config the simulator writes for it (audit login for audits, sa as remediationAuth, the simulator's trust
 * store with certificate validation on).
 */
public final class SimFleet implements AutoCloseable {

    /** The API bearer token the test config carries inline. */
    public static final String TOKEN = "sim-test-token-0123456789";

    private final SimulatorRun run;
    private final Path dir;
    private final ScenarioHeader header;

    private SimFleet(SimulatorRun run, Path dir, ScenarioHeader header) {
        this.run = run;
        this.dir = dir;
        this.header = header;
    }

    public static SimFleet start(String scenario, Path dir) throws IOException {
        ScenarioHeader header = ScenarioHeader.read(ShippedScenarios.source(scenario));
        SimulatorRun run = Simulator.start(SimulatorOptions.of("classpath:" + scenario).withInfo(line -> { })
                .withInventoryOut(dir.resolve("mirrorguard.yaml")));
        SimFleet sim = new SimFleet(run, dir, header);
        try {
            // the CLI runs in-process in tests: no environment variable for the API token
            sim.editConfig(y -> y.replace("\"${env:MIRRORGUARD_TOKEN}\"", "\"" + TOKEN + "\""));
            return sim;
        } catch (IOException | RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    public Path configFile() {
        return dir.resolve("mirrorguard.yaml");
    }

    /** Replaces the inventory's {@code remediation:} section (YAML, starting with "remediation:"). */
    public Path withRemediation(String remediationYaml) throws IOException {
        String yaml = Files.readString(configFile(), StandardCharsets.UTF_8);
        int at = yaml.indexOf("remediation:");
        Files.writeString(configFile(), yaml.substring(0, at) + remediationYaml, StandardCharsets.UTF_8);
        return configFile();
    }

    /** Applies {@code edit} to the config text (e.g. to break remediationAuth). */
    public Path editConfig(Function<String, String> edit) throws IOException {
        Files.writeString(configFile(), edit.apply(Files.readString(configFile())), StandardCharsets.UTF_8);
        return configFile();
    }

    public AgentConfig config() throws Exception {
        return ConfigLoader.load(configFile());
    }

    public ScenarioHeader header() {
        return header;
    }

    public List<String> instanceNames() {
        return List.copyOf(run.ports().keySet());
    }

    public SimulatedInstance instance(String name) {
        return run.fleet().instance(name);
    }

    public int port(String name) {
        return run.port(name);
    }

    public Path trustStore() {
        return dir.resolve(SimulatorDefaults.TRUST_STORE_FILE);
    }

    /** Forgets every batch received so far on every instance. */
    public void clearBatches() {
        instanceNames().forEach(n -> instance(n).clearReceivedBatches());
    }

    /** Every batch received since the last clear, per instance. */
    public Map<String, List<String>> batches() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        instanceNames().forEach(n -> out.put(n, instance(n).receivedBatches()));
        return out;
    }

    @Override
    public void close() {
        run.close();
    }
}
