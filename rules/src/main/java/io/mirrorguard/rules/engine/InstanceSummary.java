package io.mirrorguard.rules.engine;

import java.util.Map;

/**
 * Per-instance counts over the findings whose {@code instance} is this one.
 *
 * @param audited  the instance's collection ran and every section was read
 * @param failures unwaived FAILs by severity
 */
public record InstanceSummary(String instance, boolean audited, Map<Outcome, Integer> outcomes,
                              Map<Severity, Integer> failures) {
    public InstanceSummary {
        outcomes = Map.copyOf(outcomes);
        failures = Map.copyOf(failures);
    }
}
