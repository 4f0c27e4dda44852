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
import io.mirrorguard.rules.model.MirroringEndpoint;

@RuleInfo(
        id = EndpointEncryptionAesOnly.ID,
        title = "Mirroring endpoint allows AES only",
        severity = Severity.HIGH,
        category = Category.OUTBOUND,
        rationale = "RC4 is deprecated and weak; only encryption_algorithm 2 (REQUIRED ALGORITHM AES) rules out both RC4"
                + " and clear text.",
        remediation = "ALTER ENDPOINT <endpoint> FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM AES);"
                + " change both sides of a link together so that they keep a common algorithm.",
        procedureStep = "Outbound step 3: create the database mirroring endpoint using the certificate",
        references = {Refs.CREATE_ENDPOINT, Refs.TRANSPORT_SECURITY, Refs.STIG_AES, Refs.VA1098})
@PassRequires({FactSection.ENDPOINTS})
public final class EndpointEncryptionAesOnly extends EndpointRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "endpoint-encryption-aes-only";

    static final int REQUIRED_AES = 2;

    @Override
    protected void checkEndpoint(InstanceView v, MirroringEndpoint ep, EvaluationContext context, Emitter out) {
        String n = v.name();
        String subject = endpointSubject(n, ep);
        Evidence ev = Evidence.of("encryption_algorithm " + ep.encryptionAlgorithm() + " " + ep.encryptionAlgorithmDesc(),
                "encryption_algorithm 2 AES (REQUIRED ALGORITHM AES)");
        if (ep.encryptionAlgorithm() == REQUIRED_AES) {
            out.pass(n, null, subject, "endpoint [" + ep.name() + "] allows AES only", ev);
        } else {
            out.fail(n, null, subject, "endpoint [" + ep.name() + "] on " + n + " allows "
                    + ep.encryptionAlgorithmDesc() + " instead of AES only", ev);
        }
    }
}
