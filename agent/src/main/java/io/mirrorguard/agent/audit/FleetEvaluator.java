package io.mirrorguard.agent.audit;

import io.mirrorguard.rules.engine.FleetScope;
import io.mirrorguard.rules.model.FleetSnapshot;

/** Evaluates a whole fleet snapshot: the daemon's seam to the rules engine (pure, fast, thread-safe). */
@FunctionalInterface
public interface FleetEvaluator {
    Evaluation evaluate(FleetSnapshot snapshot);

    /**
     * Evaluates a snapshot that lacks some configured instances ({@code scope}: not collected yet in this process);
     * evaluators that cannot use the scope evaluate the snapshot alone.
     */
    default Evaluation evaluate(FleetSnapshot snapshot, FleetScope scope) {
        return evaluate(snapshot);
    }
}
