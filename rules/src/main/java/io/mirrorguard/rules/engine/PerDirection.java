package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.topology.Topology.Direction;

/**
 * A rule whose verdicts are per trust direction L &lt;- R of a link: what it says rests on the facts of L and R
 * (usually through their {@link TrustChain}) and whatever else it asks the {@link EvaluationContext} for, which the
 * engine records; so it is re-run only for directions where one of those changed.
 */
public interface PerDirection extends Rule {

    void evaluate(Direction direction, EvaluationContext context, Emitter out);

    /** Every direction of the topology, in topology order: what the engine does, one direction at a time. */
    @Override
    default void evaluate(EvaluationContext context, Emitter out) {
        for (Direction d : context.topology().directions()) {
            evaluate(d, context, out);
        }
    }
}
