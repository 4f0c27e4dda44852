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

@RuleInfo(
        id = EndpointStarted.ID,
        title = "Mirroring endpoint is STARTED",
        severity = Severity.CRITICAL,
        category = Category.OUTBOUND,
        rationale = "A STOPPED or DISABLED endpoint accepts no mirroring or availability-group traffic; CREATE ENDPOINT"
                + " defaults to STOPPED when STATE is not given.",
        remediation = "ALTER ENDPOINT <endpoint> STATE = STARTED;",
        procedureStep = "Outbound step 3: create the database mirroring endpoint using the certificate",
        references = {Refs.CREATE_ENDPOINT, Refs.ALTER_ENDPOINT, Refs.TROUBLESHOOT})
@PassRequires({FactSection.ENDPOINTS})
public final class EndpointStarted extends EndpointRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "endpoint-started";

    @Override
    protected void checkEndpoint(InstanceView v, MirroringEndpoint ep, EvaluationContext context, Emitter out) {
        String n = v.name();
        Evidence ev = Evidence.of("state " + ep.state() + " " + ep.stateDesc(), "state 0 STARTED");
        if (ep.started()) {
            out.pass(n, null, endpointSubject(n, ep), "endpoint [" + ep.name() + "] is STARTED", ev);
        } else {
            out.fail(n, null, endpointSubject(n, ep), "endpoint [" + ep.name() + "] on " + n + " is " + ep.stateDesc()
                    + ", not STARTED", ev);
        }
    }
}
