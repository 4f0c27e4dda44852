package io.mirrorguard.agent.audit;

import java.time.Instant;
import java.util.List;

/**
 * One audit: of a single instance (scheduled or on demand) or of the whole fleet.
 *
 * @param finishedAt null while running
 * @param outcome    RUNNING, SUCCESS (every instance read and evaluated), FAILURE, or INTERRUPTED (the agent
 *                   stopped before the run finished: found RUNNING in the store at the next start-up)
 * @param detail     why it failed (instance: reason; never secrets), else null
 */
public record AuditRun(String id, AuditTrigger trigger, Instant startedAt, Instant finishedAt, List<String> instances,
                       Outcome outcome, String detail) {
    public enum Outcome { RUNNING, SUCCESS, FAILURE, INTERRUPTED }

    public AuditRun {
        instances = List.copyOf(instances);
    }
}
