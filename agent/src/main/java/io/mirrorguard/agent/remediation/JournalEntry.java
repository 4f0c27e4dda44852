package io.mirrorguard.agent.remediation;

import java.time.Instant;
import java.util.List;

/**
 * One line of the remediation journal. An action is journaled twice: {@code STARTED} before the first statement is
 * sent and a final record after; a STARTED without its final record (the agent died in between) reads back as
 * {@code INTERRUPTED}. Statements are stored as planned: placeholders, never secret values.
 *
 * @param postAudit outcome of the expected findings after the re-audit (PASS / FAIL / ERROR), null until known
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
        String postAudit) {

    public enum Status { STARTED, SUCCEEDED, FAILED, SKIPPED, INTERRUPTED }
}
