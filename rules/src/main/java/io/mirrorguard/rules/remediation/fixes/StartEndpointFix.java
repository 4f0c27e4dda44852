package io.mirrorguard.rules.remediation.fixes;

import io.mirrorguard.rules.catalog.EndpointStarted;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.remediation.Fix;
import io.mirrorguard.rules.remediation.FixContext;
import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.Risk;
import io.mirrorguard.rules.remediation.TSql;
import java.util.List;

/** Starts a STOPPED or DISABLED mirroring endpoint; only the STATE clause changes. */
public final class StartEndpointFix implements Fix {

    @Override
    public String ruleId() {
        return EndpointStarted.ID;
    }

    @Override
    public List<RemediationAction> plan(Finding f, FixContext ctx) throws CannotFix {
        MirroringEndpoint ep = FixSupport.endpoint(ctx, f.instance());
        if (ep.started()) {
            throw new CannotFix("endpoint " + ep.name() + " is already STARTED in the snapshot");
        }
        String endpoint = TSql.name(ep.name());
        String previous = ep.state() == 2 ? "DISABLED" : "STOPPED";
        return List.of(new RemediationAction(ruleId(), f.instance(), null, f.subject(), Risk.SAFE, Steps.START,
                "start endpoint " + ep.name() + " (was " + ep.stateDesc() + ")", List.of(),
                List.of("ALTER ENDPOINT " + endpoint + " STATE = STARTED;"),
                List.of("ALTER ENDPOINT " + endpoint + " STATE = " + previous + ";"),
                List.of(FixSupport.postState(ruleId(), f.instance(), null))));
    }
}
