package io.mirrorguard.agent.audit;

import java.time.Instant;

/**
 * How the latest audit of one instance went; all null/false until the first audit.
 *
 * @param lastFailure failure kind and reason of the latest collection, null when it succeeded
 */
public record InstanceStatus(String instance, String lastAuditId, Instant lastAuditAt, boolean up,
                             Double lastDurationSeconds, Instant lastSuccessAt, String lastFailure) {}
