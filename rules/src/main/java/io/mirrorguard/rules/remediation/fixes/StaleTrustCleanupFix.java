package io.mirrorguard.rules.remediation.fixes;

import io.mirrorguard.rules.catalog.StaleEndpointTrust;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.model.ServerPermission;
import io.mirrorguard.rules.model.ServerPrincipal;
import io.mirrorguard.rules.remediation.Fix;
import io.mirrorguard.rules.remediation.FixContext;
import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.Risk;
import io.mirrorguard.rules.remediation.TSql;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Closes leftovers that widen the door on L: CONNECT held by logins that are no current peer's trust login, and
 * public-key-only certificates owned by users with CONNECT whose thumbprint is no current peer's endpoint
 * certificate (for example the old one after a rotation). Disruptive by class: a peer the topology does not show
 * (unaudited, undeclared) may still rely on them, so it is proposed only on request.
 */
public final class StaleTrustCleanupFix implements Fix {

    @Override
    public String ruleId() {
        return StaleEndpointTrust.ID;
    }

    @Override
    public List<RemediationAction> plan(Finding f, FixContext ctx) throws CannotFix {
        if (!ctx.options().includeStaleCleanup()) {
            throw new CannotFix("stale trust cleanup is off unless asked for (disruptive)");
        }
        String l = f.instance();
        MirroringEndpoint ep = FixSupport.endpoint(ctx, l);
        Set<Integer> currentLogins = new HashSet<>();
        Set<String> currentThumbprints = new HashSet<>();
        for (String peer : ctx.peersOf(l)) {
            ctx.trustLogin(l, peer).ifPresent(login -> currentLogins.add(login.principalId()));
            ctx.endpointCertificate(peer)
                    .ifPresentOrElse(c -> currentThumbprints.add(c.thumbprint().toUpperCase(java.util.Locale.ROOT)),
                            () -> currentThumbprints.add("?" + peer));
        }
        if (currentThumbprints.stream().anyMatch(t -> t.startsWith("?"))) {
            throw new CannotFix("a peer's endpoint certificate was not read: cannot tell stale from current");
        }
        String endpoint = TSql.name(ep.name());
        List<String> sql = new ArrayList<>();
        List<String> rollback = new ArrayList<>();
        Set<Integer> connectLogins = new HashSet<>();
        for (ServerPermission p : ctx.endpointPermissions(l)) {
            if (!ServerPermission.CONNECT.equals(p.code()) || !p.granted()) {
                continue;
            }
            connectLogins.add(p.granteePrincipalId());
            if (p.granteeName() == null || "public".equalsIgnoreCase(p.granteeName())
                    || currentLogins.contains(p.granteePrincipalId())) {
                continue;
            }
            sql.add("REVOKE CONNECT ON ENDPOINT::" + endpoint + " FROM " + TSql.name(p.granteeName()) + ";");
            rollback.add("GRANT CONNECT ON ENDPOINT::" + endpoint + " TO " + TSql.name(p.granteeName()) + ";");
        }
        for (Certificate c : ctx.certificates(l)) {
            if (c.hasPrivateKey() || c.thumbprint() == null
                    || currentThumbprints.contains(c.thumbprint().toUpperCase(java.util.Locale.ROOT))) {
                continue;
            }
            boolean ownerCanConnect = ctx.masterPrincipal(l, c.principalId())
                    .flatMap(u -> ctx.loginBySid(l, u.sid()))
                    .map(ServerPrincipal::principalId)
                    .filter(connectLogins::contains)
                    .isPresent();
            if (ownerCanConnect) {
                sql.add("DROP CERTIFICATE " + TSql.name(c.name()) + ";");
            }
        }
        if (sql.isEmpty()) {
            throw new CannotFix("nothing stale found in the snapshot on " + l);
        }
        return List.of(new RemediationAction(ruleId(), l, null, f.subject(), Risk.DISRUPTIVE, Steps.STALE_CLEANUP,
                "remove stale endpoint trust on " + l,
                List.of("no instance outside the audited topology relies on these grants or certificates"),
                sql, rollback, List.of(FixSupport.postState(ruleId(), l, null))));
    }
}
