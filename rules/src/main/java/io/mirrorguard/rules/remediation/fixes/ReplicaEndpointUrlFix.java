package io.mirrorguard.rules.remediation.fixes;

import io.mirrorguard.rules.catalog.ReplicaEndpointUrlMatches;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.model.AvailabilityGroup;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.remediation.Fix;
import io.mirrorguard.rules.remediation.FixContext;
import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.Risk;
import io.mirrorguard.rules.remediation.TSql;
import java.util.List;

/**
 * Points a replica's ENDPOINT_URL at its own endpoint: a MANUAL step (a reviewer checks the host name the other
 * replicas can resolve before running it on the primary), never applied automatically.
 */
public final class ReplicaEndpointUrlFix implements Fix {

    @Override
    public String ruleId() {
        return ReplicaEndpointUrlMatches.ID;
    }

    @Override
    public List<RemediationAction> plan(Finding f, FixContext ctx) throws CannotFix {
        String groupName = f.evidence().facts().get("group");
        String replica = f.evidence().facts().get("replica");
        if (groupName == null || replica == null) {
            throw new CannotFix("the finding does not name its availability group and replica");
        }
        AvailabilityGroup g = ctx.availabilityGroup(f.instance(), groupName).orElseThrow(() -> new CannotFix(
                "availability group " + groupName + " was not read on " + f.instance()));
        if (g.isDistributed()) {
            throw new CannotFix(groupName + " is a distributed availability group: its member's LISTENER_URL is changed"
                    + " with ALTER AVAILABILITY GROUP ... MODIFY AVAILABILITY GROUP ON, which needs the listener name");
        }
        MirroringEndpoint ep = FixSupport.endpoint(ctx, f.instance());
        if (ep.port() == null) {
            throw new CannotFix("the endpoint of " + f.instance() + " shows no port");
        }
        InstanceFacts facts = ctx.instance(f.instance()).orElseThrow();
        String host = facts.target().host() != null && !facts.target().host().isBlank() ? facts.target().host()
                : facts.target().name();
        String url = "TCP://" + host + ":" + ep.port();
        String primary = ctx.primaryOf(g.groupId()).orElse(null);
        String runOn = primary != null ? primary : f.instance();
        String old = f.evidence().observed() == null ? null : f.evidence().observed().replaceFirst("^ENDPOINT_URL ", "");
        String ag = TSql.name(g.name());
        List<String> rollback = old == null || old.isBlank() ? List.of()
                : List.of("ALTER AVAILABILITY GROUP " + ag + " MODIFY REPLICA ON " + TSql.literal(replica)
                        + " WITH (ENDPOINT_URL = " + TSql.literal(old) + ");");
        return List.of(new RemediationAction(ruleId(), runOn, null, f.subject(), Risk.MANUAL, Steps.MANUAL_REVIEW,
                "REVIEW, then run by hand on the primary: point replica " + replica + " of " + g.name() + " at "
                        + url + " (" + f.instance() + "'s endpoint " + ep.name() + ")",
                List.of("run on the primary of " + g.name() + (primary == null ? " (no audited instance is the"
                                + " primary: run it there, not necessarily on " + f.instance() + ")" : ""),
                        "every replica resolves " + host + " to " + f.instance()),
                List.of("ALTER AVAILABILITY GROUP " + ag + " MODIFY REPLICA ON " + TSql.literal(replica)
                        + " WITH (ENDPOINT_URL = " + TSql.literal(url) + ");"),
                rollback, List.of(FixSupport.postState(ruleId(), f.instance(), null))));
    }
}
