package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.InstanceView;
import io.mirrorguard.rules.model.Certificate;

/**
 * A rule about the endpoint certificate of a topology member: finding that certificate (or reporting why it cannot
 * be checked) is the same for every such rule; each rule only judges the certificate.
 */
abstract class EndpointCertificateRule extends MemberRule {

    @Override
    protected final String baseSubject(String instance) {
        return instance + "/endpoint-certificate";
    }

    @Override
    protected final void check(InstanceView v, EvaluationContext context, Emitter out) {
        Certificate c = endpointCertificateOrReport(v, out, baseSubject(v.name()));
        if (c != null) {
            checkCertificate(v, c, certificateSubject(v.name(), c), context, out);
        }
    }

    /** Judges the endpoint certificate {@code c}; {@code subject} is its stable subject string. */
    protected abstract void checkCertificate(InstanceView v, Certificate c, String subject, EvaluationContext context,
                                             Emitter out);
}
