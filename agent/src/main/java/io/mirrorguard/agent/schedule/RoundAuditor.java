package io.mirrorguard.agent.schedule;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What the scheduler drives: rounds of per-instance audits. A round is one period's audit of the fleet; the
 * scheduler starts each instance's part at the instance's offset, and the auditor evaluates the round once, when
 * every part has been audited or skipped.
 */
public interface RoundAuditor {
    /**
     * @param startup     the round audits the fleet right after start, not on the cron
     * @param scheduledAt the cron time the round belongs to (now for the start-up round)
     */
    Round begin(boolean startup, Instant scheduledAt, List<String> instances);

    /** Whole periods lost for these instances: counted {@code periods} times each and logged. */
    void skipped(Collection<String> instances, SkipReason reason, int periods);

    interface Round {
        String id();

        /**
         * Audits the instance's part of this round; false without auditing when the part is not pending (skipped
         * or already audited). Throws InterruptedException when interrupted (shutdown).
         */
        boolean audit(String instance) throws InterruptedException;

        /** The instances whose part has not started yet. */
        List<String> pending();

        /** Skips these parts (those still pending), counts and logs them; the round closes when nothing is left. */
        void skip(Collection<String> instances, SkipReason reason);

        /** Every part audited or skipped (or the round was abandoned on shutdown). */
        boolean finished();
    }
}
