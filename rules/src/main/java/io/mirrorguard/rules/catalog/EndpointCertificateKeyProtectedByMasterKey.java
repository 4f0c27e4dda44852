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
        id = EndpointCertificateKeyProtectedByMasterKey.ID,
        title = "Endpoint certificate's private key is encrypted by the master key",
        severity = Severity.HIGH,
        category = Category.OUTBOUND,
        rationale = "The endpoint opens its private key unattended only when the master key protects it; a key"
                + " encrypted by a password cannot be opened by the endpoint.",
        remediation = "Re-create the certificate without ENCRYPTION BY PASSWORD (so the master key protects it), or"
                + " ALTER CERTIFICATE <name> WITH PRIVATE KEY (DECRYPTION BY PASSWORD = '<password>');",
        procedureStep = "Outbound step 2: create the endpoint certificate in master",
        references = {Refs.OUTBOUND, Refs.CREATE_CERTIFICATE, Refs.SYS_CERTIFICATES})
@PassRequires({FactSection.ENDPOINTS, FactSection.CERTIFICATES})
public final class EndpointCertificateKeyProtectedByMasterKey extends EndpointCertificateRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "endpoint-certificate-key-protected-by-master-key";

    @Override
    protected void checkCertificate(InstanceView v, Certificate c, String subject, EvaluationContext context,
                                    Emitter out) {
        String n = v.name();
        String type = c.pvtKeyEncryptionType() == null ? "null" : c.pvtKeyEncryptionType().trim();
        Evidence ev = Evidence.of("pvt_key_encryption_type " + type + " " + c.pvtKeyEncryptionTypeDesc(),
                "MK ENCRYPTED_BY_MASTER_KEY").with("certificate", c.name());
        if (!c.hasPrivateKey()) {
            out.notApplicable(n, null, subject, "[" + c.name() + "] has no private key"
                    + " (see endpoint-certificate-present)");
        } else if ("MK".equals(type)) {
            out.pass(n, null, subject, "[" + c.name() + "]'s private key is encrypted by the master key", ev);
        } else {
            out.fail(n, null, subject, "[" + c.name() + "]'s private key on " + n + " is "
                    + c.pvtKeyEncryptionTypeDesc() + ", not encrypted by the master key", ev);
        }
    }
}
