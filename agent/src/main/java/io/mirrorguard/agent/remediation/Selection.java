package io.mirrorguard.agent.remediation;

import io.mirrorguard.rules.remediation.PlanOptions;
import java.util.Set;

/**
 * Which FAILs a plan covers and what it may propose: the same selection recomputes the same plan, which is how
 * {@code apply --plan HASH} proves that what runs is what was reviewed.
 *
 * @param rules     rule ids; empty = every rule with a fix (the CLI's explicit choice, not the automatic allowlist)
 * @param instances instances whose findings are fixed; empty = all
 */
public record Selection(Set<String> rules, Set<String> instances, boolean includeDisruptive,
                        boolean includeStaleCleanup) {

    public Selection {
        rules = rules == null ? Set.of() : Set.copyOf(rules);
        instances = instances == null ? Set.of() : Set.copyOf(instances);
    }

    public static Selection everything() {
        return new Selection(Set.of(), Set.of(), false, false);
    }

    PlanOptions options(String backupDirectory) {
        return new PlanOptions(rules, instances, includeDisruptive, includeStaleCleanup, backupDirectory);
    }
}
