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

@RuleInfo(
        id = EndpointCertificateBackedUp.ID,
        title = "Endpoint certificate's private key has been exported",
        severity = Severity.LOW,
        category = Category.OUTBOUND,
        rationale = "Without a backup of the private key a rebuilt instance needs a new certificate and new trust on"
                + " every peer.",
        remediation = "BACKUP CERTIFICATE <name> TO FILE = '<path>.cer' WITH PRIVATE KEY (FILE = '<path>.pvk',"
                + " ENCRYPTION BY PASSWORD = '<password>'); store the files offline.",
        procedureStep = "Outbound step 4: back up the certificate",
        references = {Refs.BACKUP_CERTIFICATE, Refs.OUTBOUND, Refs.SYS_CERTIFICATES})
@PassRequires({FactSection.ENDPOINTS, FactSection.CERTIFICATES})
public final class EndpointCertificateBackedUp extends EndpointCertificateRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "endpoint-certificate-backed-up";

    @Override
    protected void checkCertificate(InstanceView v, Certificate c, String subject, EvaluationContext context,
                                    Emitter out) {
        String n = v.name();
        if (!c.hasPrivateKey()) {
            out.notApplicable(n, null, subject, "[" + c.name() + "] has no private key (see endpoint-certificate-present)");
            return;
        }
        Evidence ev = Evidence.of("pvt_key_last_backup_date " + c.pvtKeyLastBackupDate(), "a date after start_date "
                + c.startDate()).with("certificate", c.name());
        if (c.pvtKeyLastBackupDate() == null) {
            out.fail(n, null, subject, "the private key of [" + c.name() + "] on " + n + " was never exported", ev);
        } else if (c.startDate() != null && c.pvtKeyLastBackupDate().isBefore(c.startDate())) {
            out.fail(n, null, subject, "the private key of [" + c.name() + "] on " + n + " was last exported before"
                    + " the certificate became valid", ev);
        } else {
            out.pass(n, null, subject, "the private key of [" + c.name() + "] was exported at "
                    + c.pvtKeyLastBackupDate(), ev);
        }
    }
}
