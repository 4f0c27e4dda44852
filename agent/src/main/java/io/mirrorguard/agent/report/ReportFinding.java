package io.mirrorguard.agent.report;

import io.mirrorguard.agent.store.FindingLifecycle;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.RuleDescriptor;

/**
 * A finding as every format shows it: the engine's finding, the rule it came from and its stable fingerprint.
 *
 * @param rule      null only when the finding names a rule the engine did not describe
 * @param lifecycle null when no history is known
 */
public record ReportFinding(String fingerprint, Finding finding, RuleDescriptor rule, FindingLifecycle lifecycle) {

    public String ruleId() {
        return finding.ruleId();
    }

    /** The rule's title, or its id when the rule is unknown. */
    public String title() {
        return rule == null ? finding.ruleId() : rule.title();
    }

    public String docPath() {
        return rule == null || rule.docPath() == null ? "docs/rules/" + finding.ruleId() + ".md" : rule.docPath();
    }
}
