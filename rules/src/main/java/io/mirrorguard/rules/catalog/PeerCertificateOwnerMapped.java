package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.PassRequires;
import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.RuleInfo;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.engine.TrustChain;
import io.mirrorguard.rules.engine.TrustStep;

@RuleInfo(
        id = PeerCertificateOwnerMapped.ID,
        title = "Peer certificate is owned by a user mapped to a login",
        severity = Severity.CRITICAL,
        category = Category.INBOUND,
        rationale = "The endpoint admits R as the login of the master user that owns R's certificate; an owner without"
                + " a login (WITHOUT LOGIN, orphaned SID) leaves nobody to grant CONNECT to.",
        remediation = "On L: CREATE LOGIN <R>_login WITH PASSWORD = '<password>'; CREATE USER <R>_user FOR LOGIN"
                + " <R>_login; ALTER AUTHORIZATION ON CERTIFICATE::<R>_cert TO <R>_user;",
        procedureStep = "Inbound steps 1-2: create a login and a master user for the peer",
        references = {Refs.INBOUND, Refs.EXAMPLE, Refs.DM_CONNECTIONS})
@PassRequires({FactSection.CERTIFICATES, FactSection.SERVER_PRINCIPALS, FactSection.MASTER_PRINCIPALS})
public final class PeerCertificateOwnerMapped extends TrustRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = TrustChain.OWNER_MAPPED;
    @Override
    protected TrustStep step(TrustChain chain) {
        return chain.ownerMapped();
    }
}
