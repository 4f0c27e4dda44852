package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.PassRequires;
import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.RuleInfo;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.engine.TrustChain;
import io.mirrorguard.rules.engine.TrustStep;

@RuleInfo(
        id = PeerLoginConnectGranted.ID,
        title = "Peer's login may connect to the endpoint",
        severity = Severity.CRITICAL,
        category = Category.INBOUND,
        rationale = "The handshake fails with 'does not have CONNECT permission on the endpoint' unless the peer's"
                + " login holds CONNECT (or CONTROL SERVER, sysadmin, ownership) and no DENY.",
        remediation = "On L: GRANT CONNECT ON ENDPOINT::<endpoint> TO [<R>_login]; (and remove any DENY)",
        procedureStep = "Inbound step 5: grant CONNECT on the endpoint to the peer's login",
        references = {Refs.INBOUND, Refs.GRANT_ENDPOINT, Refs.TROUBLESHOOT})
@PassRequires({
        FactSection.CERTIFICATES, FactSection.ENDPOINTS, FactSection.SERVER_PRINCIPALS,
        FactSection.MASTER_PRINCIPALS, FactSection.SERVER_ROLE_MEMBERS, FactSection.SERVER_PERMISSIONS})
public final class PeerLoginConnectGranted extends TrustRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = TrustChain.CONNECT;
    @Override
    protected TrustStep step(TrustChain chain) {
        return chain.connectGranted();
    }
}
