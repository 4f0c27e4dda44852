package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.PassRequires;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.InstanceView;
import io.mirrorguard.rules.engine.RuleInfo;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.MirroringEndpoint;
import java.util.Optional;

@RuleInfo(
        id = EndpointCertificatePresent.ID,
        title = "Endpoint certificate exists in master with its private key",
        severity = Severity.CRITICAL,
        category = Category.OUTBOUND,
        rationale = "The endpoint signs its side of the handshake with the private key of its certificate; a missing"
                + " certificate or key means no outbound connection can authenticate.",
        remediation = "USE master; CREATE CERTIFICATE <name> WITH SUBJECT = '<subject>', EXPIRY_DATE = '<UTC date>';"
                + " ALTER ENDPOINT <endpoint> FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE <name>);",
        procedureStep = "Outbound step 2: create the endpoint certificate in master",
        references = {Refs.OUTBOUND, Refs.CREATE_CERTIFICATE, Refs.SYS_CERTIFICATES})
@PassRequires({FactSection.ENDPOINTS, FactSection.CERTIFICATES})
public final class EndpointCertificatePresent extends MemberRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "endpoint-certificate-present";

    @Override
    protected String baseSubject(String instance) {
        return instance + "/endpoint-certificate";
    }

    @Override
    protected void check(InstanceView v, EvaluationContext context, Emitter out) {
        String n = v.name();
        String subject = baseSubject(n);
        MirroringEndpoint ep = endpointOrReport(v, out, subject);
        if (ep == null) {
            return;
        }
        if (ep.certificateId() == 0 || !ep.authentication().certificate()) {
            out.notApplicable(n, null, subject, "endpoint [" + ep.name() + "] does not authenticate with a certificate"
                    + " (see endpoint-certificate-authentication)");
            return;
        }
        if (out.unread(n, null, subject, "certificates", v.facts().certificates())) {
            return;
        }
        Optional<Certificate> cert = v.certificate(ep.certificateId());
        String expected = "certificate_id " + ep.certificateId() + " in master with a private key";
        if (cert.isEmpty()) {
            out.fail(n, null, subject, "endpoint [" + ep.name() + "] on " + n + " names certificate_id "
                    + ep.certificateId() + ", which is not in master", Evidence.of("no such certificate", expected));
            return;
        }
        Certificate c = cert.get();
        Evidence ev = Evidence.of("[" + c.name() + "] pvt_key_encryption_type " + c.pvtKeyEncryptionType(), expected)
                .with("certificate", c.name()).with("thumbprint", c.thumbprint());
        if (!c.hasPrivateKey()) {
            out.fail(n, null, certificateSubject(n, c), "endpoint certificate [" + c.name() + "] on " + n
                    + " has no private key", ev);
        } else {
            out.pass(n, null, certificateSubject(n, c), "endpoint certificate [" + c.name() + "] is in master with"
                    + " its private key", ev);
        }
    }
}
