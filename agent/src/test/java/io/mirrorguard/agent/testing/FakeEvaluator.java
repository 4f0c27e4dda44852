package io.mirrorguard.agent.testing;

import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.agent.audit.FleetEvaluator;
import io.mirrorguard.agent.audit.PeerTrust;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.engine.TrustStatus;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in rules engine: "collected" per instance (PASS when read, ERROR otherwise) and a fleet-level
 * "fleet-has-partner" that FAILs while an instance is alone in the snapshot. Remembers every snapshot.
 */
public final class FakeEvaluator implements FleetEvaluator {
    public final List<FleetSnapshot> snapshots = new CopyOnWriteArrayList<>();

    @Override
    public Evaluation evaluate(FleetSnapshot snapshot) {
        snapshots.add(snapshot);
        List<Finding> findings = new ArrayList<>();
        List<PeerTrust> trust = new ArrayList<>();
        for (InstanceFacts f : snapshot.instances()) {
            boolean read = f.collection().succeeded();
            findings.add(Findings.finding("collected", f.name(), null, read ? Outcome.PASS : Outcome.ERROR,
                    Severity.HIGH));
            findings.add(Findings.finding("fleet-has-partner", f.name(), null,
                    snapshot.instances().size() >= 2 ? Outcome.PASS : Outcome.FAIL, Severity.MEDIUM));
            for (InstanceFacts peer : snapshot.instances()) {
                if (peer != f) {
                    trust.add(new PeerTrust(f.name(), peer.name(), read, read ? List.of() : List.of("facts")));
                }
            }
        }
        // the engine's result too, so reports and the console take the same path as with the real engine
        AuditResult result = new AuditResult(snapshot.takenAt(), snapshot, findings, List.of(),
                trust.stream().map(t -> new TrustStatus(t.instance(), t.peer(), t.complete(), t.missing())).toList(),
                List.of());
        return new Evaluation(snapshot.takenAt(), snapshot, findings, trust, result);
    }
}
