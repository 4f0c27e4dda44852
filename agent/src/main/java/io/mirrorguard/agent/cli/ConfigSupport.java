package io.mirrorguard.agent.cli;

import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.model.FleetSnapshot;
import java.nio.file.Path;
import java.util.List;

/** Loads the agent config for `audit --config`. */
final class ConfigSupport {

    record Collected(FleetSnapshot snapshot, Policy policy) {}

    private ConfigSupport() {}

    static Policy policy(Path config) {
        throw new UserInputException("--config: not wired in this build yet (config loader pending)");
    }

    static Collected collect(Path config, List<String> instances) {
        throw new UserInputException("--config: not wired in this build yet (collector pending)");
    }
}
