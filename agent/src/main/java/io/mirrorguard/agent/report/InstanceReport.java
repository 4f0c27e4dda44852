package io.mirrorguard.agent.report;

import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;
import java.util.List;
import java.util.Map;

/**
 * One instance's part of the report.
 *
 * @param unauditedReason why the instance could not be read, null when it was
 * @param failures        unwaived FAILs by severity
 */
public record InstanceReport(String name, boolean audited, String unauditedReason, Map<Outcome, Integer> outcomes,
                             Map<Severity, Integer> failures, int waived, List<ChecklistSection> sections) {

    public InstanceReport {
        outcomes = Map.copyOf(outcomes);
        failures = Map.copyOf(failures);
        sections = List.copyOf(sections);
    }

    public int count(Outcome o) {
        return outcomes.getOrDefault(o, 0);
    }

    public int failures(Severity s) {
        return failures.getOrDefault(s, 0);
    }
}
