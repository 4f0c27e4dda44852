package io.mirrorguard.agent.remediation.cli;

import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.agent.cli.support.UserInputException;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigException;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.remediation.CollectingFleetAuditor;
import io.mirrorguard.agent.remediation.RemediationService;
import io.mirrorguard.agent.remediation.Selection;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.engine.RuleEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options plan and apply share: the same flags must select the same plan, or its hash differs. */
public final class FleetOptions {

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "Agent config (docs/configuration.md): the fleet, remediationAuth, remediation secrets.")
    Path config;

    @Option(names = "--rule", paramLabel = "ID", description = "Fix only FAILs of this rule (repeatable).")
    List<String> rules;

    @Option(names = "--instance", paramLabel = "NAME", description = "Fix only FAILs on this instance (repeatable).")
    List<String> instances;

    @Option(names = "--include-disruptive",
            description = "Also plan actions that restart an endpoint (ALTER ENDPOINT ... ENCRYPTION).")
    boolean includeDisruptive;

    @Option(names = "--include-stale-cleanup",
            description = "Also plan removal of stale endpoint trust (disruptive).")
    boolean includeStaleCleanup;

    /** Loaded once per command. */
    AgentConfig load() {
        try {
            return ConfigLoader.load(config);
        } catch (ConfigException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    Selection selection(AgentConfig cfg) {
        Set<String> known = new LinkedHashSet<>();
        BuiltInRules.engine().descriptors().stream().map(RuleDescriptor::id).forEach(known::add);
        Set<String> ruleSet = new LinkedHashSet<>();
        for (String r : rules == null ? List.<String>of() : rules) {
            if (!known.contains(r)) {
                throw new UserInputException("--rule: unknown rule " + r + " (see `mirrorguard rules`)");
            }
            ruleSet.add(r);
        }
        Set<String> instanceSet = new LinkedHashSet<>();
        for (String i : instances == null ? List.<String>of() : instances) {
            instanceSet.add(CommandSupport.instanceName(cfg, i, "--instance"));
        }
        return new Selection(ruleSet, instanceSet, includeDisruptive, includeStaleCleanup);
    }

    static RemediationService service(AgentConfig cfg, CollectingFleetAuditor auditor) {
        return RemediationService.forConfig(cfg, auditor, Clock.systemUTC(), null);
    }
}
