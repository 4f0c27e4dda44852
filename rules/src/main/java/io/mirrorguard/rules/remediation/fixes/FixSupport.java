package io.mirrorguard.rules.remediation.fixes;

import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.remediation.Fix.CannotFix;
import io.mirrorguard.rules.remediation.FixContext;

/** Lookups every fix needs, failing with a reason a reviewer understands. */
final class FixSupport {

    private FixSupport() {}

    static MirroringEndpoint endpoint(FixContext ctx, String instance) throws CannotFix {
        return ctx.endpoint(instance)
                .orElseThrow(() -> new CannotFix("the mirroring endpoint of " + instance + " was not read"));
    }

    static String peer(Finding f) throws CannotFix {
        if (f.peer() == null) {
            throw new CannotFix("finding has no peer");
        }
        return f.peer();
    }

    static String postState(String ruleId, String instance, String peer) {
        return ruleId + "@" + instance + (peer == null ? "" : "<-" + peer);
    }
}
