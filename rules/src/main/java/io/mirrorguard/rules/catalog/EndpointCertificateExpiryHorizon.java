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
import java.time.Duration;
import java.time.Instant;

@RuleInfo(
        id = EndpointCertificateExpiryHorizon.ID,
        title = "Endpoint certificate does not expire soon",
        severity = Severity.MEDIUM,
        category = Category.OUTBOUND,
        rationale = "Rotation needs the new public key installed on every peer before the switch; starting weeks ahead"
                + " avoids an outage at the next reconnect after expiry. CREATE CERTIFICATE defaults to one year.",
        remediation = "Rotate the endpoint certificate before it expires (new certificate, install on peers, ALTER"
                + " ENDPOINT, drop the old one).",
        procedureStep = "Outbound step 2: create the endpoint certificate in master (EXPIRY_DATE)",
        references = {Refs.CREATE_CERTIFICATE, Refs.OUTBOUND})
@PassRequires({FactSection.IDENTITY, FactSection.ENDPOINTS, FactSection.CERTIFICATES})
public final class EndpointCertificateExpiryHorizon extends EndpointCertificateRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "endpoint-certificate-expiry-horizon";

    @Override
    protected void checkCertificate(InstanceView v, Certificate c, String subject, EvaluationContext context,
                                    Emitter out) {
        String n = v.name();
        if (out.unread(n, null, subject, "identity (instance clock)", v.facts().identity())) {
            return;
        }
        Instant now = v.facts().identity().value().utcNow();
        if (now == null || c.expiryDate() == null) {
            out.error(n, null, subject, "instance clock or certificate expiry unknown");
            return;
        }
        if (!now.isBefore(c.expiryDate())) {
            out.notApplicable(n, null, subject, "[" + c.name() + "] has already expired (see endpoint-certificate-validity)");
            return;
        }
        int warn = context.parameters().expiryWarningDays();
        int high = context.parameters().expiryHighDays();
        long daysLeft = Duration.between(now, c.expiryDate()).toDays();
        Evidence ev = Evidence.of(daysLeft + " days left (expires " + c.expiryDate() + ")", "at least " + warn
                + " days left").with("certificate", c.name()).with("daysLeft", daysLeft);
        if (daysLeft < high) {
            out.fail(Severity.HIGH, n, null, subject, "endpoint certificate [" + c.name() + "] on " + n
                    + " expires in " + daysLeft + " days", ev);
        } else if (daysLeft < warn) {
            out.fail(n, null, subject, "endpoint certificate [" + c.name() + "] on " + n + " expires in " + daysLeft
                    + " days", ev);
        } else {
            out.pass(n, null, subject, "endpoint certificate [" + c.name() + "] has " + daysLeft + " days left", ev);
        }
    }
}
