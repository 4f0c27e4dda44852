package io.mirrorguard.agent.schedule;

import java.util.Locale;

/** Why an instance was not audited in a period; the {@code reason} label of {@code mirrorguard_audits_skipped_total}. */
public enum SkipReason {
    /** The next round began before the instance's part of this one had started. */
    OVERRUN,
    /**
     * The period's cron firing was missed altogether: the agent was paused or suspended, or the previous round's
     * audits kept every worker busy for more than a period (the round then runs late, once, for the latest period).
     */
    MISFIRE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
