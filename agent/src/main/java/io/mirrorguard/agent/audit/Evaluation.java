package io.mirrorguard.agent.audit;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.model.FleetSnapshot;

import java.time.Instant;
import java.util.List;

/**
 * The part of the rules engine's audit result the daemon needs (same component names as the engine's
 * AuditResult, so the adapter is a field-by-field copy).
 *
 * @param result the engine's own result, from which every report format and the console are built; null only
 *               from evaluators that produce findings without one (then no report can be rendered)
 */
public record Evaluation(Instant evaluatedAt, FleetSnapshot snapshot, List<Finding> findings, List<PeerTrust> trust,
                         AuditResult result) {
    public Evaluation {
        findings = List.copyOf(findings);
        trust = trust == null ? List.of() : List.copyOf(trust);
    }
}
