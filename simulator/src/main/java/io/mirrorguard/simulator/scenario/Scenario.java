package io.mirrorguard.simulator.scenario;

import java.util.List;

/** A parsed scenario: its name (the top file) and its steps in order. */
public record Scenario(String name, List<ScenarioStep> steps) {
    public Scenario {
        steps = List.copyOf(steps);
    }
}
