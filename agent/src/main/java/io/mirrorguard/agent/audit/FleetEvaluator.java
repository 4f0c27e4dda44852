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

    /**
     * Evaluates a snapshot starting from the previous evaluation (null: none), whose unchanged verdicts it may take
     * over: after one instance's audit only that instance and what it touches are judged again. The result is the
     * one {@link #evaluate(FleetSnapshot, FleetScope)} gives; evaluators that cannot start from a previous
     * evaluation evaluate anew.
     */
    default Evaluation evaluate(Evaluation previous, FleetSnapshot snapshot, FleetScope scope) {
        return evaluate(snapshot, scope);
    }
}
