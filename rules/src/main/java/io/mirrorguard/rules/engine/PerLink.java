package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.topology.Link;

/**
 * A rule whose verdicts are per link: what it says rests on the facts of the link's two instances, their links, and
 * whatever else it asks the {@link EvaluationContext} for, which the engine records; so it is re-run only for links
 * where one of those changed.
 */
public interface PerLink extends Rule {

    void evaluate(Link link, EvaluationContext context, Emitter out);

    /** Every link of the topology, in topology order: what the engine does, one link at a time. */
    @Override
    default void evaluate(EvaluationContext context, Emitter out) {
        for (Link l : context.topology().links()) {
            evaluate(l, context, out);
        }
    }
}
