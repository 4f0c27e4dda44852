package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.InstanceView;
import io.mirrorguard.rules.engine.PerInstance;
import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.MirroringEndpoint;

/**
 * A rule evaluated once per topology member. Non-members get NOT_APPLICABLE, unless membership itself is unknown
 * (endpoints unread and no other instance names it), which is an ERROR.
 */
abstract class MemberRule implements PerInstance {

    @Override
    public final void evaluate(InstanceView v, EvaluationContext context, Emitter out) {
        String n = v.name();
        if (!context.topology().isMember(n)) {
            if (!v.facts().endpoints().isRead()) {
                out.error(n, null, baseSubject(n), "cannot tell whether " + n + " is a topology member: endpoints"
                        + " not read (" + v.facts().endpoints().describeGap() + ")");
            } else {
                out.notApplicable(n, null, baseSubject(n), n + " has no mirroring endpoint and is in no mirroring"
                        + " session, availability group or declared link");
            }
            return;
        }
        check(v, context, out);
    }

    /** The subject used when the rule cannot look further (not applicable, unread facts). */
    protected abstract String baseSubject(String instance);

    protected abstract void check(InstanceView v, EvaluationContext context, Emitter out);

    static String endpointSubject(String instance, MirroringEndpoint ep) {
        return instance + "/endpoint/" + ep.name();
    }

    static String certificateSubject(String instance, Certificate c) {
        return instance + "/certificate/" + c.name();
    }

    /** The endpoint, or null after reporting why the rule cannot check it. */
    static MirroringEndpoint endpointOrReport(InstanceView v, Emitter out, String subject) {
        String n = v.name();
        if (out.unread(n, null, subject, "endpoints", v.facts().endpoints())) {
            return null;
        }
        if (v.endpoint().isEmpty()) {
            out.notApplicable(n, null, subject, n + " has no DATABASE_MIRRORING endpoint (see endpoint-present)");
            return null;
        }
        return v.endpoint().get();
    }

    /** The endpoint certificate, or null after reporting why the rule cannot check it. */
    static Certificate endpointCertificateOrReport(InstanceView v, Emitter out, String subject) {
        MirroringEndpoint ep = endpointOrReport(v, out, subject);
        if (ep == null) {
            return null;
        }
        String n = v.name();
        if (ep.certificateId() == 0 || !ep.authentication().certificate()) {
            out.notApplicable(n, null, subject, n + "'s endpoint does not authenticate with a certificate"
                    + " (see endpoint-certificate-authentication)");
            return null;
        }
        if (out.unread(n, null, subject, "certificates", v.facts().certificates())) {
            return null;
        }
        if (v.certificate(ep.certificateId()).isEmpty()) {
            out.notApplicable(n, null, subject, n + "'s endpoint certificate (certificate_id " + ep.certificateId()
                    + ") is not in master (see endpoint-certificate-present)");
            return null;
        }
        return v.certificate(ep.certificateId()).get();
    }
}
