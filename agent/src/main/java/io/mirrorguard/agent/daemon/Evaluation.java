package io.mirrorguard.agent.daemon;

import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.model.FleetSnapshot;

import java.time.Instant;
import java.util.List;

/**
 * The part of the rules engine's audit result the daemon needs (same component names as the engine's
 * AuditResult, so the adapter is a field-by-field copy).
 *
 * @param report the engine's own result object, handed unchanged to the report renderer; may be null
 */
public record Evaluation(Instant evaluatedAt, FleetSnapshot snapshot, List<Finding> findings, List<PeerTrust> trust,
                         Object report) {
    public Evaluation {
        findings = List.copyOf(findings);
        trust = trust == null ? List.of() : List.copyOf(trust);
    }
}
