package io.mirrorguard.agent.daemon;

import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.agent.audit.FleetEvaluator;
import io.mirrorguard.agent.audit.PeerTrust;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.EvaluationState;
import io.mirrorguard.rules.engine.FleetScope;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.model.FleetSnapshot;

import java.time.Instant;
import java.util.List;

/** The rules engine behind the daemon's {@link FleetEvaluator} seam; the engine's AuditResult rides along for reports. */
public final class RuleEngineEvaluator implements FleetEvaluator {
    private final RuleEngine engine;
    private final Policy policy;

    public RuleEngineEvaluator(RuleEngine engine, Policy policy) {
        this.engine = engine;
        this.policy = policy;
    }

    @Override
    public Evaluation evaluate(FleetSnapshot snapshot) {
        return evaluate(null, snapshot, FleetScope.snapshotOnly());
    }

    @Override
    public Evaluation evaluate(FleetSnapshot snapshot, FleetScope scope) {
        return evaluate(null, snapshot, scope);
    }

    /**
     * The one path: the engine re-judges what changed since {@code previous} (everything when there is none, or
     * when it came from another evaluator), with waivers judged against the snapshot's takenAt.
     */
    @Override
    public Evaluation evaluate(Evaluation previous, FleetSnapshot snapshot, FleetScope scope) {
        EvaluationState state = engine.evaluateSince(previous == null ? null : previous.engineState(), snapshot,
                policy, snapshot.takenAt() != null ? snapshot.takenAt() : Instant.now(), scope);
        AuditResult result = state.result();
        return new Evaluation(result.evaluatedAt(), result.snapshot(), result.findings(),
                result.trust().stream()
                        .map(t -> new PeerTrust(t.instance(), t.peer(), t.complete(), t.missing()))
                        .toList(),
                result, state);
    }

    /** The registered rules as the API lists them. */
    public List<RuleInfo> rules() {
        return engine.descriptors().stream().map(RuleEngineEvaluator::info).toList();
    }

    private static RuleInfo info(RuleDescriptor d) {
        return new RuleInfo(d.id(), d.title(), d.severity(), d.category().name(), d.rationale(), d.remediation(),
                d.docPath());
    }
}
