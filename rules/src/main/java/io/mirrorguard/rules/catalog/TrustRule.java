package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.PerDirection;
import io.mirrorguard.rules.engine.TrustChain;
import io.mirrorguard.rules.engine.TrustStep;
import io.mirrorguard.rules.topology.Topology.Direction;

/** An inbound step reported for every direction L <- R of every link, from the shared {@link TrustChain}. */
abstract class TrustRule implements PerDirection {

    @Override
    public final void evaluate(Direction d, EvaluationContext context, Emitter out) {
        TrustChain chain = context.trust(d);
        TrustStep step = step(chain);
        out.emit(step.outcome(), out.rule().severity(), d.trusting(), d.trusted(), chain.subject(), step.message(),
                step.evidence());
    }

    protected abstract TrustStep step(TrustChain chain);
}
