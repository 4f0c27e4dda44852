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
import io.mirrorguard.rules.model.EndpointAuthentication;
import io.mirrorguard.rules.model.MirroringEndpoint;

@RuleInfo(
        id = EndpointCertificateAuthentication.ID,
        title = "Mirroring endpoint authenticates with a certificate",
        severity = Severity.HIGH,
        category = Category.OUTBOUND,
        rationale = "Outside one trusted domain (built-in service accounts, workgroups, Linux, untrusted domains)"
                + " certificates are the only way partners can authenticate; a Windows fallback widens who may connect.",
        remediation = "ALTER ENDPOINT <endpoint> FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE <cert>);",
        procedureStep = "Outbound step 3: create the database mirroring endpoint using the certificate",
        references = {Refs.OUTBOUND, Refs.CREATE_ENDPOINT, Refs.TRANSPORT_SECURITY})
@PassRequires({FactSection.ENDPOINTS})
public final class EndpointCertificateAuthentication extends EndpointRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "endpoint-certificate-authentication";

    @Override
    protected void checkEndpoint(InstanceView v, MirroringEndpoint ep, EvaluationContext context, Emitter out) {
        String n = v.name();
        String subject = endpointSubject(n, ep);
        boolean allowFallback = context.parameters().allowWindowsFallback();
        EndpointAuthentication auth;
        try {
            auth = ep.authentication();
        } catch (IllegalArgumentException e) {
            out.error(n, null, subject, "connection_auth " + ep.connectionAuth() + " is not a known value");
            return;
        }
        String expected = allowFallback ? "CERTIFICATE (a Windows fallback is allowed by policy)" : "CERTIFICATE only";
        Evidence ev = Evidence.of("connection_auth " + ep.connectionAuth() + " " + ep.connectionAuthDesc(), expected)
                .with("certificateId", ep.certificateId());
        if (!auth.certificate()) {
            out.fail(n, null, subject, "endpoint [" + ep.name() + "] on " + n + " authenticates with Windows "
                    + auth.windowsMethod() + " only, not with a certificate", ev);
        } else if (auth.windows() && !allowFallback) {
            out.fail(n, null, subject, "endpoint [" + ep.name() + "] on " + n + " also accepts Windows "
                    + auth.windowsMethod() + " authentication (policy allowWindowsFallback is false)", ev);
        } else {
            out.pass(n, null, subject, "endpoint [" + ep.name() + "] authenticates with a certificate", ev);
        }
    }
}
