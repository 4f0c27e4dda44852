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
import java.time.Instant;

@RuleInfo(
        id = EndpointCertificateValidity.ID,
        title = "Endpoint certificate is within its validity period",
        severity = Severity.CRITICAL,
        category = Category.OUTBOUND,
        rationale = "Mirroring checks the certificate's validity dates at handshake: an expired or not-yet-valid"
                + " certificate lets running sessions continue but refuses every new connection (restart, failover,"
                + " network blip).",
        remediation = "Rotate: create a new certificate, install its public key on every peer for the same user, then"
                + " ALTER ENDPOINT ... AUTHENTICATION = CERTIFICATE <new> in a maintenance window.",
        procedureStep = "Outbound step 2: create the endpoint certificate in master",
        references = {Refs.CREATE_CERTIFICATE, Refs.OUTBOUND, Refs.SYS_CERTIFICATES})
@PassRequires({FactSection.IDENTITY, FactSection.ENDPOINTS, FactSection.CERTIFICATES})
public final class EndpointCertificateValidity extends EndpointCertificateRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "endpoint-certificate-validity";

    @Override
    protected void checkCertificate(InstanceView v, Certificate c, String subject, EvaluationContext context,
                                    Emitter out) {
        String n = v.name();
        if (out.unread(n, null, subject, "identity (instance clock)", v.facts().identity())) {
            return;
        }
        Instant now = v.facts().identity().value().utcNow();
        if (now == null || c.expiryDate() == null || c.startDate() == null) {
            out.error(n, null, subject, "instance clock or certificate dates unknown");
            return;
        }
        Evidence ev = Evidence.of("valid " + c.startDate() + " .. " + c.expiryDate(), "start_date <= " + now
                + " < expiry_date").with("certificate", c.name()).with("instanceUtcNow", now);
        if (!now.isBefore(c.expiryDate())) {
            out.fail(n, null, subject, "endpoint certificate [" + c.name() + "] on " + n + " expired at "
                    + c.expiryDate(), ev);
        } else if (now.isBefore(c.startDate())) {
            out.fail(n, null, subject, "endpoint certificate [" + c.name() + "] on " + n + " is not valid before "
                    + c.startDate(), ev);
        } else {
            out.pass(n, null, subject, "endpoint certificate [" + c.name() + "] is valid until " + c.expiryDate(), ev);
        }
    }
}
