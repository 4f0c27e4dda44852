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
import io.mirrorguard.rules.model.CertificateDetails;
import java.util.Locale;

@RuleInfo(
        id = EndpointCertificateStrength.ID,
        title = "Endpoint certificate has a strong key and signature",
        severity = Severity.MEDIUM,
        category = Category.OUTBOUND,
        rationale = "SQL Server 2014 and earlier generate 1024-bit keys and SHA-1 signatures; MD5-signed endpoint"
                + " certificates fail under TLS 1.2. Keys below the policy minimum are weak.",
        remediation = "Rotate to a certificate created on SQL Server 2017 or later (2048-bit RSA, SHA-256), or imported"
                + " with a key of at least the policy minimum.",
        procedureStep = "Outbound step 2: create the endpoint certificate in master",
        references = {Refs.CREATE_CERTIFICATE, Refs.VA1223})
@PassRequires({FactSection.ENDPOINTS, FactSection.CERTIFICATES})
public final class EndpointCertificateStrength extends EndpointCertificateRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "endpoint-certificate-strength";

    @Override
    protected void checkCertificate(InstanceView v, Certificate c, String subject, EvaluationContext context,
                                    Emitter out) {
        String n = v.name();
        CertificateDetails d = c.details();
        if (d == null) {
            out.error(n, null, subject, "the DER of [" + c.name() + "] (CERTENCODED) could not be read or parsed");
            return;
        }
        int min = context.parameters().minimumKeyBits();
        String sig = d.signatureAlgorithm() == null ? "" : d.signatureAlgorithm().toUpperCase(Locale.ROOT);
        Evidence ev = Evidence.of(d.keyAlgorithm() + " " + d.keyBits() + " bits, " + d.signatureAlgorithm(),
                "RSA >= " + min + " bits, SHA-256 or stronger").with("certificate", c.name());
        if (d.keyBits() < min) {
            out.fail(n, null, subject, "endpoint certificate [" + c.name() + "] on " + n + " has a " + d.keyBits()
                    + "-bit key (minimum " + min + ")", ev);
        } else if (sig.contains("MD5") || sig.contains("MD2")) {
            out.fail(n, null, subject, "endpoint certificate [" + c.name() + "] on " + n + " is signed with "
                    + d.signatureAlgorithm(), ev);
        } else if (sig.contains("SHA1") || sig.equals("SHA-1")) {
            out.fail(Severity.LOW, n, null, subject, "endpoint certificate [" + c.name() + "] on " + n
                    + " is signed with SHA-1", ev);
        } else {
            out.pass(n, null, subject, "endpoint certificate [" + c.name() + "] is " + d.keyAlgorithm() + " "
                    + d.keyBits() + " bits, " + d.signatureAlgorithm(), ev);
        }
    }
}
