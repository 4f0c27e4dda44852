package io.mirrorguard.rules.remediation.fixes;

import io.mirrorguard.rules.model.ServerPermission;
import io.mirrorguard.rules.catalog.PeerLoginConnectGranted;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.model.ServerPrincipal;
import io.mirrorguard.rules.remediation.Fix;
import io.mirrorguard.rules.remediation.FixContext;
import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.Risk;
import io.mirrorguard.rules.remediation.TSql;
import java.util.ArrayList;
import java.util.List;

/** Inbound step 5: GRANT CONNECT ON ENDPOINT to the login L maps R's certificate to (after lifting a DENY). */
public final class GrantPeerConnectFix implements Fix {

    @Override
    public String ruleId() {
        return PeerLoginConnectGranted.ID;
    }

    @Override
    public List<RemediationAction> plan(Finding f, FixContext ctx) throws CannotFix {
        String peer = FixSupport.peer(f);
        MirroringEndpoint ep = FixSupport.endpoint(ctx, f.instance());
        ServerPrincipal login = ctx.trustLogin(f.instance(), peer).orElseThrow(() -> new CannotFix(
                "no login on " + f.instance() + " is mapped to " + peer + "'s certificate; fix the trust chain first"));
        boolean denied = ctx.endpointPermissions(f.instance()).stream()
                .anyMatch(p -> p.granteePrincipalId() == login.principalId() && p.denied()
                        && ServerPermission.CONNECT.equals(p.code()));
        String endpoint = TSql.name(ep.name());
        String grantee = TSql.name(login.name());
        List<String> sql = new ArrayList<>();
        if (denied) {
            sql.add("REVOKE CONNECT ON ENDPOINT::" + endpoint + " FROM " + grantee + ";");
        }
        sql.add("GRANT CONNECT ON ENDPOINT::" + endpoint + " TO " + grantee + ";");
        List<String> rollback = denied
                ? List.of("DENY CONNECT ON ENDPOINT::" + endpoint + " TO " + grantee + ";")
                : List.of("REVOKE CONNECT ON ENDPOINT::" + endpoint + " FROM " + grantee + ";");
        return List.of(new RemediationAction(ruleId(), f.instance(), peer, f.subject(), Risk.SAFE, Steps.GRANT,
                "grant CONNECT on " + ep.name() + " to " + login.name() + " so " + peer + " can connect",
                List.of("login " + login.name() + " exists on " + f.instance()), sql, rollback,
                List.of(FixSupport.postState(ruleId(), f.instance(), peer))));
    }
}
