package io.mirrorguard.rules.remediation.fixes;

import io.mirrorguard.rules.catalog.PeerCertificateOwnerMapped;
import io.mirrorguard.rules.catalog.PeerLoginConnectGranted;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.remediation.Fix;
import io.mirrorguard.rules.remediation.FixContext;
import io.mirrorguard.rules.remediation.Placeholder;
import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.Risk;
import io.mirrorguard.rules.remediation.TSql;
import java.util.ArrayList;
import java.util.List;

/**
 * L holds R's certificate but its owner is not a user mapped to a login (e.g. a WITHOUT LOGIN user): create the
 * login and a mapped user, hand the certificate to that user and grant the login CONNECT.
 */
public final class MapPeerCertificateOwnerFix implements Fix {

    @Override
    public String ruleId() {
        return PeerCertificateOwnerMapped.ID;
    }

    @Override
    public List<RemediationAction> plan(Finding f, FixContext ctx) throws CannotFix {
        String l = f.instance();
        String r = FixSupport.peer(f);
        MirroringEndpoint ep = FixSupport.endpoint(ctx, l);
        Certificate peerCert = ctx.endpointCertificate(r)
                .orElseThrow(() -> new CannotFix("the endpoint certificate of " + r + " was not read"));
        Certificate copy = ctx.certificateByThumbprint(l, peerCert.thumbprint())
                .orElseThrow(() -> new CannotFix(l + " holds no copy of " + r + "'s certificate"));
        String loginName = r + "_login";
        String userName = r + "_user";
        if (ctx.loginByName(l, loginName).isPresent() || ctx.masterPrincipalByName(l, userName).isPresent()) {
            throw new CannotFix("login " + loginName + " or user " + userName + " already exists on " + l
                    + " without owning the certificate; resolve by hand");
        }
        String previousOwner = ctx.masterPrincipal(l, copy.principalId()).map(p -> p.name()).orElse(null);
        String endpoint = TSql.name(ep.name());
        List<String> sql = List.of(
                "CREATE LOGIN " + TSql.name(loginName) + " WITH PASSWORD = N'" + Placeholder.generated("login") + "';",
                "CREATE USER " + TSql.name(userName) + " FOR LOGIN " + TSql.name(loginName) + ";",
                "ALTER AUTHORIZATION ON CERTIFICATE::" + TSql.name(copy.name()) + " TO " + TSql.name(userName) + ";",
                "GRANT CONNECT ON ENDPOINT::" + endpoint + " TO " + TSql.name(loginName) + ";");
        List<String> rollback = new ArrayList<>();
        rollback.add("REVOKE CONNECT ON ENDPOINT::" + endpoint + " FROM " + TSql.name(loginName) + ";");
        if (previousOwner != null) {
            rollback.add("ALTER AUTHORIZATION ON CERTIFICATE::" + TSql.name(copy.name()) + " TO "
                    + TSql.name(previousOwner) + ";");
        }
        rollback.add("DROP USER " + TSql.name(userName) + ";");
        rollback.add("DROP LOGIN " + TSql.name(loginName) + ";");
        return List.of(new RemediationAction(ruleId(), l, r, f.subject(), Risk.SAFE, Steps.TRUST,
                "map certificate " + copy.name() + " on " + l + " to a new login " + loginName,
                List.of("certificate " + copy.name() + " is owned by " + (previousOwner == null ? "an unknown principal" : previousOwner)),
                sql, rollback,
                List.of(FixSupport.postState(ruleId(), l, r),
                        FixSupport.postState(PeerLoginConnectGranted.ID, l, r))));
    }
}
