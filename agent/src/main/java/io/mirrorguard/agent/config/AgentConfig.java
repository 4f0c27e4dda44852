package io.mirrorguard.agent.config;

import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.engine.PolicyParameters;
import io.mirrorguard.rules.engine.Waiver;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole agent configuration, validated and with every secret resolved.
 *
 * @param source the file it was loaded from (relative paths inside were resolved against its directory)
 */
public record AgentConfig(Path source, List<InstanceConfig> instances, TopologyConfig topology,
                          ScheduleConfig schedule, PolicyParameters policy, RulesConfig rules,
                          List<Waiver> waivers, HttpConfig http, StorageConfig storage,
                          RemediationConfig remediation, MetricsConfig metrics) {

    public AgentConfig {
        metrics = metrics == null ? MetricsConfig.defaults() : metrics;
        instances = List.copyOf(instances);
        waivers = waivers == null ? List.of() : List.copyOf(waivers);
    }

    /** What the rules engine needs: parameters, disabled rules, severity overrides and waivers. */
    public Policy toPolicy() {
        return new Policy(policy, rules.disabled(), rules.severity(), waivers);
    }

    /** The instance with this name, compared as SQL Server compares server names (case-insensitively). */
    public Optional<InstanceConfig> instance(String name) {
        return instances.stream().filter(i -> i.name().equalsIgnoreCase(name)).findFirst();
    }
}
