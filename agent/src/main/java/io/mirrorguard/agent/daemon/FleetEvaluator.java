package io.mirrorguard.agent.daemon;

import io.mirrorguard.rules.model.FleetSnapshot;

/** Evaluates a whole fleet snapshot: the daemon's seam to the rules engine (pure, fast, thread-safe). */
@FunctionalInterface
public interface FleetEvaluator {
    Evaluation evaluate(FleetSnapshot snapshot);
}
