package io.mirrorguard.agent.cli;

import io.mirrorguard.agent.cli.support.UserInputException;
import io.mirrorguard.agent.collector.FleetCollector;
import io.mirrorguard.agent.collector.InstanceCollector;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigException;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.config.InstanceConfig;
import io.mirrorguard.rules.engine.FleetScope;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.model.FleetSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Loads the agent config for `audit --config` and collects the fleet it describes. */
final class ConfigSupport {

    /** @param scope the configured instances left out by --instance: known to exist, not collected */
    record Collected(FleetSnapshot snapshot, Policy policy, FleetScope scope) {}

    private ConfigSupport() {}

    static AgentConfig load(Path file) {
        if (!Files.exists(file)) {
            throw new UserInputException("config " + file + ": file not found");
        }
        try {
            return ConfigLoader.load(file);
        } catch (ConfigException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    static Policy policy(Path file) {
        return load(file).toPolicy();
    }

    /** Collects every configured instance, or only the named ones (names compared case-insensitively). */
    static Collected collect(Path file, List<String> names) {
        AgentConfig config = load(file);
        List<InstanceConfig> selected = select(config, names == null ? List.of() : names);
        int concurrency = config.schedule() == null ? 4 : Math.max(1, config.schedule().concurrency());
        try (FleetCollector collector = new FleetCollector(selected, config.topology().links(),
                InstanceCollector::new, Clock.systemUTC())) {
            return new Collected(collector.collectAll(concurrency), config.toPolicy(), notSelected(config, selected));
        }
    }

    private static FleetScope notSelected(AgentConfig config, List<InstanceConfig> selected) {
        return new FleetScope(config.instances().stream().filter(i -> !selected.contains(i))
                .map(i -> new FleetScope.Uncollected(i.target(), "not selected by --instance")).toList());
    }

    private static List<InstanceConfig> select(AgentConfig config, List<String> names) {
        if (names.isEmpty()) {
            return config.instances();
        }
        List<InstanceConfig> selected = new ArrayList<>();
        for (String name : names) {
            InstanceConfig i = config.instance(name).orElseThrow(() -> new UserInputException(
                    "--instance " + name + ": not in " + config.source() + " (configured: "
                            + String.join(", ", config.instances().stream().map(InstanceConfig::name).toList()) + ")"));
            if (!selected.contains(i)) {
                selected.add(i);
            }
        }
        return selected;
    }
}
