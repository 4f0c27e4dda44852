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
import io.mirrorguard.rules.model.LinkRole;
import io.mirrorguard.rules.model.MirroringEndpoint;
import java.util.Set;

@RuleInfo(
        id = EndpointRoleFitsTopology.ID,
        title = "Endpoint role fits the instance's role in the topology",
        severity = Severity.HIGH,
        category = Category.OUTBOUND,
        rationale = "SET PARTNER needs ROLE = PARTNER or ALL on both partners and SET WITNESS needs ROLE = WITNESS or ALL"
                + " on the witness; a mismatch breaks the session when roles change.",
        remediation = "ALTER ENDPOINT <endpoint> FOR DATABASE_MIRRORING (ROLE = ALL);",
        procedureStep = "Outbound step 3: create the database mirroring endpoint using the certificate",
        references = {Refs.CREATE_ENDPOINT, Refs.ENDPOINT})
@PassRequires({
        FactSection.ENDPOINTS, FactSection.MIRRORED_DATABASES, FactSection.WITNESS_ROLES,
        FactSection.AVAILABILITY_REPLICAS})
public final class EndpointRoleFitsTopology extends EndpointRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "endpoint-role-fits-topology";

    @Override
    protected void checkEndpoint(InstanceView v, MirroringEndpoint ep, EvaluationContext context, Emitter out) {
        String n = v.name();
        String subject = endpointSubject(n, ep);
        Set<LinkRole> roles = context.topology().rolesOf(n);
        if (roles.isEmpty()) {
            out.notApplicable(n, null, subject, n + " has an endpoint but plays no role in a known session or group");
            return;
        }
        boolean needsPartner = roles.contains(LinkRole.PARTNER) || roles.contains(LinkRole.REPLICA);
        boolean needsWitness = roles.contains(LinkRole.WITNESS);
        String expected = needsPartner && needsWitness ? "ALL" : needsPartner ? "PARTNER or ALL" : "WITNESS or ALL";
        Evidence ev = Evidence.of("role " + ep.role() + " " + ep.roleDesc() + " (instance is " + roles + ")", expected);
        if (needsPartner && ep.role() == 2 || needsWitness && ep.role() == 1) {
            out.fail(n, null, subject, "endpoint [" + ep.name() + "] on " + n + " has ROLE = " + ep.roleDesc()
                    + " but the instance is " + roles, ev);
        } else {
            out.pass(n, null, subject, "endpoint [" + ep.name() + "] role " + ep.roleDesc() + " fits " + roles, ev);
        }
    }
}
