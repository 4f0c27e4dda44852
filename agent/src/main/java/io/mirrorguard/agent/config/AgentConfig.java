package io.mirrorguard.agent.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole agent configuration, validated and with every secret resolved.
 *
 * @param source the file it was loaded from (relative paths inside were resolved against its directory)
 */
public record AgentConfig(Path source, List<InstanceConfig> instances, TopologyConfig topology,
                          ScheduleConfig schedule, PolicyConfig policy, RulesConfig rules,
                          List<WaiverConfig> waivers, HttpConfig http, StorageConfig storage,
                          RemediationConfig remediation) {

    public AgentConfig {
        instances = List.copyOf(instances);
        waivers = waivers == null ? List.of() : List.copyOf(waivers);
    }

    /** The instance with this name, compared as SQL Server compares server names (case-insensitively). */
    public Optional<InstanceConfig> instance(String name) {
        return instances.stream().filter(i -> i.name().equalsIgnoreCase(name)).findFirst();
    }
}
