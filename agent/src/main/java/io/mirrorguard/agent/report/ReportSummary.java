package io.mirrorguard.agent.report;

import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;
import java.util.Map;

/**
 * Fleet-wide counts.
 *
 * @param failures       unwaived FAILs by severity
 * @param waived         FAILs covered by a current waiver
 * @param expiredWaivers FAILs whose waiver has expired (they count again)
 */
public record ReportSummary(int instances, int audited, Map<Outcome, Integer> outcomes,
                            Map<Severity, Integer> failures, int waived, int expiredWaivers,
                            int trustComplete, int trustIncomplete) {

    public ReportSummary {
        outcomes = Map.copyOf(outcomes);
        failures = Map.copyOf(failures);
    }

    public int count(Outcome o) {
        return outcomes.getOrDefault(o, 0);
    }

    public int failures(Severity s) {
        return failures.getOrDefault(s, 0);
    }
}
