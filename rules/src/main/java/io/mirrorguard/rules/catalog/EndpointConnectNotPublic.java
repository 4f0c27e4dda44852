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
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.model.ServerPermission;

@RuleInfo(
        id = EndpointConnectNotPublic.ID,
        title = "CONNECT on the mirroring endpoint is not granted to public",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        rationale = "CONNECT to public lets any login whose certificate or Windows identity the endpoint accepts use"
                + " the endpoint; the procedure grants CONNECT to one login per peer.",
        remediation = "REVOKE CONNECT ON ENDPOINT::<endpoint> FROM public; GRANT CONNECT to each peer's login instead.",
        procedureStep = "Inbound step 5: grant CONNECT on the endpoint to the peer's login (only)",
        references = {Refs.GRANT_ENDPOINT, Refs.INBOUND, Refs.VA1095})
@PassRequires({FactSection.ENDPOINTS, FactSection.SERVER_PERMISSIONS})
public final class EndpointConnectNotPublic extends MemberRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "endpoint-connect-not-public";

    @Override
    protected String baseSubject(String instance) {
        return instance + "/endpoint";
    }

    @Override
    protected void check(InstanceView v, EvaluationContext context, Emitter out) {
        String n = v.name();
        MirroringEndpoint ep = endpointOrReport(v, out, baseSubject(n));
        if (ep == null) {
            return;
        }
        String subject = endpointSubject(n, ep);
        if (out.unread(n, null, subject, "serverPermissions", v.facts().serverPermissions())) {
            return;
        }
        ServerPermission toPublic = null;
        for (ServerPermission p : v.permissionsOf(InstanceView.PUBLIC_ROLE_ID)) {
            if (p.isConnectOn(ep.endpointId()) && p.granted()) {
                toPublic = p;
            }
        }
        Evidence ev = Evidence.of(toPublic == null ? "no CONNECT grant to public" : "CONNECT " + toPublic.stateDesc()
                + " to public", "no CONNECT grant to public");
        if (toPublic != null) {
            out.fail(n, null, subject, "CONNECT on endpoint [" + ep.name() + "] on " + n + " is granted to public", ev);
        } else {
            out.pass(n, null, subject, "CONNECT on endpoint [" + ep.name() + "] is not granted to public", ev);
        }
    }
}
