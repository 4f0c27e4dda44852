package io.mirrorguard.rules.engine;

import java.util.List;

/**
 * One rule's findings on one subject (an instance, a trust direction or a link) with the policy applied, what the
 * rule read to reach them, or the exception it threw there (then the findings are empty).
 *
 * @param reads null when the rule read nothing beyond the subject's own instances
 */
record Verdict(List<Finding> findings, Reads reads, RuntimeException crash) {
    Verdict {
        findings = List.copyOf(findings);
    }
}
