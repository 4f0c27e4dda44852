package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.InstanceView;
import io.mirrorguard.rules.model.MirroringEndpoint;

/**
 * A rule about the DATABASE_MIRRORING endpoint of a topology member: finding the endpoint (or reporting why it
 * cannot be checked) is the same for every such rule; each rule only judges the endpoint.
 */
abstract class EndpointRule extends MemberRule {

    @Override
    protected final String baseSubject(String instance) {
        return instance + "/endpoint";
    }

    @Override
    protected final void check(InstanceView v, EvaluationContext context, Emitter out) {
        MirroringEndpoint ep = endpointOrReport(v, out, baseSubject(v.name()));
        if (ep != null) {
            checkEndpoint(v, ep, context, out);
        }
    }

    /** Judges the endpoint {@code ep} of instance {@code v}. */
    protected abstract void checkEndpoint(InstanceView v, MirroringEndpoint ep, EvaluationContext context, Emitter out);
}
