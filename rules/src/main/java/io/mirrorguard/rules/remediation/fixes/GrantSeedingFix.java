package io.mirrorguard.rules.remediation.fixes;

import io.mirrorguard.rules.catalog.AgSeedingPermitted;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.model.AvailabilityGroup;
import io.mirrorguard.rules.remediation.Fix;
import io.mirrorguard.rules.remediation.FixContext;
import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.Risk;
import io.mirrorguard.rules.remediation.TSql;
import java.util.List;

/** Lets automatic seeding create the group's databases on the secondary the finding is about. */
public final class GrantSeedingFix implements Fix {

    @Override
    public String ruleId() {
        return AgSeedingPermitted.ID;
    }

    @Override
    public List<RemediationAction> plan(Finding f, FixContext ctx) throws CannotFix {
        String groupName = f.evidence().facts().get("group");
        if (groupName == null) {
            throw new CannotFix("the finding does not name its availability group");
        }
        AvailabilityGroup g = ctx.availabilityGroup(f.instance(), groupName).orElseThrow(() -> new CannotFix(
                "availability group " + groupName + " was not read on " + f.instance()));
        String ag = TSql.name(g.name());
        return List.of(new RemediationAction(ruleId(), f.instance(), null, f.subject(), Risk.SAFE, Steps.SEEDING_GRANT,
                "allow automatic seeding of " + g.name() + " to create its databases on " + f.instance(),
                List.of(f.instance() + " is a secondary replica of " + g.name() + " with SEEDING_MODE = AUTOMATIC"),
                List.of("ALTER AVAILABILITY GROUP " + ag + " GRANT CREATE ANY DATABASE;"),
                List.of("ALTER AVAILABILITY GROUP " + ag + " DENY CREATE ANY DATABASE;"),
                List.of(FixSupport.postState(ruleId(), f.instance(), null))));
    }
}
