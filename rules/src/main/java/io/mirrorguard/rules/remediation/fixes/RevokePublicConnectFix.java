package io.mirrorguard.rules.remediation.fixes;

import io.mirrorguard.rules.catalog.EndpointConnectNotPublic;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.remediation.Fix;
import io.mirrorguard.rules.remediation.FixContext;
import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.Risk;
import io.mirrorguard.rules.remediation.TSql;
import java.util.List;

/**
 * Removes CONNECT on the endpoint from public. Runs after the peer grants of the same plan, so peers that relied on
 * public keep their own CONNECT.
 */
public final class RevokePublicConnectFix implements Fix {

    @Override
    public String ruleId() {
        return EndpointConnectNotPublic.ID;
    }

    @Override
    public List<RemediationAction> plan(Finding f, FixContext ctx) throws CannotFix {
        MirroringEndpoint ep = FixSupport.endpoint(ctx, f.instance());
        String endpoint = TSql.name(ep.name());
        return List.of(new RemediationAction(ruleId(), f.instance(), null, f.subject(), Risk.SAFE,
                Steps.REVOKE_PUBLIC, "revoke CONNECT on " + ep.name() + " from public",
                List.of("every peer's trust login holds its own CONNECT on " + ep.name()),
                List.of("REVOKE CONNECT ON ENDPOINT::" + endpoint + " FROM [public];"),
                List.of("GRANT CONNECT ON ENDPOINT::" + endpoint + " TO [public];"),
                List.of(FixSupport.postState(ruleId(), f.instance(), null))));
    }
}
