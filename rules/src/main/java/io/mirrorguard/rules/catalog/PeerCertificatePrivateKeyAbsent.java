package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.PassRequires;
import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.RuleInfo;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.engine.TrustChain;
import io.mirrorguard.rules.engine.TrustStep;

@RuleInfo(
        id = PeerCertificatePrivateKeyAbsent.ID,
        title = "Copy of the peer's certificate holds no private key",
        severity = Severity.MEDIUM,
        category = Category.SECURITY,
        rationale = "Only the public key is needed to trust a peer; a private key on L lets anyone with control of L"
                + " impersonate R towards every other instance that trusts R.",
        remediation = "On L: drop the copy and re-create it from the public certificate only (FROM FILE/BINARY without"
                + " WITH PRIVATE KEY), or ALTER CERTIFICATE <R>_cert REMOVE PRIVATE KEY;",
        procedureStep = "Inbound step 4: create the peer's certificate from its (public) backup",
        references = {Refs.INBOUND, Refs.CREATE_CERTIFICATE, Refs.BACKUP_CERTIFICATE})
@PassRequires({FactSection.CERTIFICATES})
public final class PeerCertificatePrivateKeyAbsent extends TrustRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = TrustChain.PRIVATE_KEY_ABSENT;
    @Override
    protected TrustStep step(TrustChain chain) {
        return chain.privateKeyAbsent();
    }
}
