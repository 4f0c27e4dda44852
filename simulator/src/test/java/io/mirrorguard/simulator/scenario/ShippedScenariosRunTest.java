package io.mirrorguard.simulator.scenario;

import io.mirrorguard.simulator.engine.SimulatedFleet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every shipped scenario runs on the real engine without error. */
class ShippedScenariosRunTest {

    @TempDir
    Path fileArea;

    static Stream<String> shipped() {
        return ShippedScenarios.names().stream();
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void runsOnTheEngine(String name) {
        SimulatedFleet fleet = new SimulatedFleet(Instant.parse("2026-11-26T12:00:00Z"), fileArea, "MirrorGuard!Sa1");
        try (fleet) {
            List<String> info = new ArrayList<>();
            ScenarioRunner.Summary summary = new ScenarioRunner(new EngineFleet(fleet), info::add)
                    .run(ScenarioParser.parse(ShippedScenarios.source(name)));
            assertThat(summary.batches()).isPositive();
            assertThat(fleet.instances()).hasSizeGreaterThanOrEqualTo(2);
        }
    }
}
