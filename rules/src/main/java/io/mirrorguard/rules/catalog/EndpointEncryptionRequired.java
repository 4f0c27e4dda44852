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
import io.mirrorguard.rules.model.EndpointEncryption;
import io.mirrorguard.rules.model.MirroringEndpoint;

@RuleInfo(
        id = EndpointEncryptionRequired.ID,
        title = "Mirroring endpoint requires encryption",
        severity = Severity.CRITICAL,
        category = Category.OUTBOUND,
        rationale = "With ENCRYPTION DISABLED, or SUPPORTED facing a peer that does not encrypt, the transaction log"
                + " stream travels in clear text between the instances.",
        remediation = "ALTER ENDPOINT <endpoint> FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM AES);",
        procedureStep = "Outbound step 3: create the database mirroring endpoint using the certificate",
        references = {Refs.CREATE_ENDPOINT, Refs.TRANSPORT_SECURITY, Refs.VA1098, Refs.STIG_AES})
@PassRequires({FactSection.ENDPOINTS})
public final class EndpointEncryptionRequired extends EndpointRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "endpoint-encryption-required";

    @Override
    protected void checkEndpoint(InstanceView v, MirroringEndpoint ep, EvaluationContext context, Emitter out) {
        String n = v.name();
        String subject = endpointSubject(n, ep);
        EndpointEncryption enc;
        try {
            enc = ep.encryption();
        } catch (IllegalArgumentException e) {
            out.error(n, null, subject, "encryption_algorithm " + ep.encryptionAlgorithm() + " is not a known value");
            return;
        }
        Evidence ev = Evidence.of("encryption_algorithm " + ep.encryptionAlgorithm() + " (" + enc.ddl() + ")",
                "ENCRYPTION = REQUIRED");
        if (enc.mode() == EndpointEncryption.Mode.REQUIRED) {
            out.pass(n, null, subject, "endpoint [" + ep.name() + "] requires encryption (" + enc.ddl() + ")", ev);
        } else {
            out.fail(n, null, subject, "endpoint [" + ep.name() + "] on " + n + " has ENCRYPTION = " + enc.ddl()
                    + ": traffic may flow unencrypted", ev);
        }
    }
}
