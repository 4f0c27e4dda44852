package io.mirrorguard.agent.schedule;

import java.util.Locale;

/** Why an instance was not audited in a period; the {@code reason} label of {@code mirrorguard_audits_skipped_total}. */
public enum SkipReason {
    /** The period ended before the instance's audit could start (workers busy the whole period): superseded. */
    OVERRUN,
    /** The scheduler missed the period's cron firing altogether (agent paused, machine suspended, clock jump). */
    MISFIRE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
