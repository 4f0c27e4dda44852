package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.PassRequires;
import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.RuleInfo;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.engine.TrustChain;
import io.mirrorguard.rules.engine.TrustStep;

@RuleInfo(
        id = PeerCertificateInstalled.ID,
        title = "Peer's endpoint certificate is installed",
        severity = Severity.CRITICAL,
        category = Category.INBOUND,
        rationale = "L verifies R's handshake with the public key of R's endpoint certificate; without a copy in L's"
                + " master (same thumbprint) R cannot connect to L.",
        remediation = "On L: CREATE CERTIFICATE <R>_cert AUTHORIZATION <R>_user FROM FILE = '<R>_cert.cer'; (or FROM"
                + " BINARY = 0x... from CERTENCODED on R)",
        procedureStep = "Inbound step 4: create the peer's certificate from its backup, owned by the peer's user",
        references = {Refs.INBOUND, Refs.CREATE_CERTIFICATE, Refs.EXAMPLE})
@PassRequires({FactSection.CERTIFICATES})
public final class PeerCertificateInstalled extends TrustRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = TrustChain.INSTALLED;
    @Override
    protected TrustStep step(TrustChain chain) {
        return chain.installed();
    }
}
