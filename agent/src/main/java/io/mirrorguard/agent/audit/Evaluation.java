package io.mirrorguard.agent.audit;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.EvaluationState;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.model.FleetSnapshot;

import java.time.Instant;
import java.util.List;

/**
 * The part of the rules engine's audit result the daemon needs (same component names as the engine's
 * AuditResult, so the adapter is a field-by-field copy).
 *
 * @param result      the engine's own result, from which every report format and the console are built; null only
 *                    from evaluators that produce findings without one (then no report can be rendered)
 * @param engineState what the engine needs to evaluate the next snapshot from this one (re-judging only what
 *                    changed); null from evaluators without one
 */
public record Evaluation(Instant evaluatedAt, FleetSnapshot snapshot, List<Finding> findings, List<PeerTrust> trust,
                         AuditResult result, EvaluationState engineState) {
    public Evaluation {
        findings = List.copyOf(findings);
        trust = trust == null ? List.of() : List.copyOf(trust);
    }

    /** An evaluation the next one cannot start from. */
    public Evaluation(Instant evaluatedAt, FleetSnapshot snapshot, List<Finding> findings, List<PeerTrust> trust,
                      AuditResult result) {
        this(evaluatedAt, snapshot, findings, trust, result, null);
    }
}
