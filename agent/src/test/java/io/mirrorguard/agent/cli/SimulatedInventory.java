package io.mirrorguard.agent.cli;

import io.mirrorguard.simulator.Simulator;
import io.mirrorguard.simulator.SimulatorOptions;
import io.mirrorguard.simulator.SimulatorRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A shipped scenario served by the simulator for a whole test class, with the inventory it wrote for the CLI.
 * Register as a static {@code @RegisterExtension} field.
 */
final class SimulatedInventory implements BeforeAllCallback, AfterAllCallback {
    private final String scenario;
    private Path dir;
    private SimulatorRun simulator;

    SimulatedInventory(String scenario) {
        this.scenario = scenario;
    }

    /** The agent config the simulator wrote, with secrets/ and the trust store next to it. */
    Path inventory() {
        return dir.resolve("mirrorguard.yml");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("mirrorguard-cli-test-");
        simulator = Simulator.start(SimulatorOptions.of("classpath:" + scenario).withInfo(line -> { }));
        simulator.writeInventory(inventory());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (simulator != null) {
            simulator.close();
        }
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
