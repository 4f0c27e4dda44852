package io.mirrorguard.agent.daemon;

import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.agent.audit.FleetEvaluator;
import io.mirrorguard.agent.audit.PeerTrust;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.FleetScope;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.model.FleetSnapshot;

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
        return of(engine.evaluate(snapshot, policy));
    }

    @Override
    public Evaluation evaluate(FleetSnapshot snapshot, FleetScope scope) {
        return of(engine.evaluate(snapshot, policy,
                snapshot.takenAt() != null ? snapshot.takenAt() : java.time.Instant.now(), scope));
    }

    public static Evaluation of(AuditResult result) {
        return new Evaluation(result.evaluatedAt(), result.snapshot(), result.findings(),
                result.trust().stream()
                        .map(t -> new PeerTrust(t.instance(), t.peer(), t.complete(), t.missing()))
                        .toList(),
                result);
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
