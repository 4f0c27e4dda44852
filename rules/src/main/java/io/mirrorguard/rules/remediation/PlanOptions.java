package io.mirrorguard.rules.remediation;

import java.util.Set;

/**
 * What the operator allows the planner to propose.
 *
 * @param rules              rule ids to fix; empty = every rule with a fix
 * @param instances          instances whose findings are fixed; empty = all
 * @param includeDisruptive  propose actions that restart an endpoint or can trigger a failover
 * @param includeStaleCleanup propose stale-trust cleanup (always disruptive; off unless asked)
 * @param backupDirectory    where BACKUP CERTIFICATE writes on the target server; null = no backup fix
 */
public record PlanOptions(Set<String> rules, Set<String> instances, boolean includeDisruptive,
                          boolean includeStaleCleanup, String backupDirectory) {

    public PlanOptions {
        rules = rules == null ? Set.of() : Set.copyOf(rules);
        instances = instances == null ? Set.of() : Set.copyOf(instances);
    }

    public static PlanOptions all() {
        return new PlanOptions(Set.of(), Set.of(), true, false, null);
    }

    boolean selects(String ruleId, String instance) {
        return (rules.isEmpty() || rules.contains(ruleId)) && (instances.isEmpty() || instances.contains(instance));
    }
}
