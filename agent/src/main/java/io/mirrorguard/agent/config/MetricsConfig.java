package io.mirrorguard.agent.config;

/**
 * What {@code /metrics} exports per instance.
 *
 * @param ruleDetail which rules get per-rule series ({@code mirrorguard_rule_failures}, {@code mirrorguard_rule_checks})
 */
public record MetricsConfig(RuleDetail ruleDetail) {

    /** Per-rule series for which rules. */
    public enum RuleDetail {
        /**
         * Only rules with at least one finding that is not PASS (FAIL, ERROR, NOT_APPLICABLE): a healthy instance has
         * ~25 series instead of ~75; per-instance outcome totals stay in {@code mirrorguard_checks}.
         */
        NONPASS,
        /** Every rule that produced a finding, with {@code mirrorguard_rule_failures} 0 for the passing ones. */
        ALL
    }

    public MetricsConfig {
        if (ruleDetail == null) {
            ruleDetail = RuleDetail.NONPASS;
        }
    }

    public static MetricsConfig defaults() {
        return new MetricsConfig(RuleDetail.NONPASS);
    }
}
