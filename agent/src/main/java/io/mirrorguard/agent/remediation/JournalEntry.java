package io.mirrorguard.agent.remediation;

import java.time.Instant;
import java.util.List;

/**
 * One line of the remediation journal. An action is journaled twice: {@code STARTED} before the first statement is
 * sent and a final record after; a STARTED without its final record (the agent died in between) reads back as
 * {@code INTERRUPTED}. Statements are stored as planned: placeholders, never secret values.
 *
 * @param postAudit outcome of the expected findings after the re-audit (PASS / FAIL / ERROR), null until known
 * @param agent     the cluster agent (or CLI process) that ran the action, as the shared journal records it; null in
 *                  an agent's own file journal, where every entry is that agent's
 */
public record JournalEntry(
        String id,
        String planHash,
        String ruleId,
        String instance,
        String peer,
        String risk,
        String mode,
        String trigger,
        List<String> sql,
        Instant startedAt,
        Instant endedAt,
        Status status,
        String error,
        String postAudit,
        String agent) {

    /**
     * STARTED on reading means the action is running now on a live writer; a STARTED whose writer is gone reads
     * INTERRUPTED.
     */
    public enum Status { STARTED, SUCCEEDED, FAILED, SKIPPED, INTERRUPTED }

    /** The message of an INTERRUPTED entry: nobody knows what its statements did until the next audit. */
    public static final String INTERRUPTED_DETAIL =
            "the agent stopped while this action ran; its effect is unknown until the next audit";

    /** This entry with another status and error (same id, statements, times and agent). */
    public JournalEntry withStatus(Status newStatus, String newError) {
        return new JournalEntry(id, planHash, ruleId, instance, peer, risk, mode, trigger, sql, startedAt, endedAt,
                newStatus, newError, postAudit, agent);
    }

    /** This entry with the verdict of the verifying audit. */
    public JournalEntry withPostAudit(String verdict) {
        return new JournalEntry(id, planHash, ruleId, instance, peer, risk, mode, trigger, sql, startedAt, endedAt,
                status, error, verdict, agent);
    }
}
