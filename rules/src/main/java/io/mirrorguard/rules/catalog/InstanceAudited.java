package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.PassRequires;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.InstanceView;
import io.mirrorguard.rules.engine.PerInstance;
import io.mirrorguard.rules.engine.RuleInfo;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.Collection;
import java.util.List;

@RuleInfo(
        id = InstanceAudited.ID,
        title = "Instance could be audited completely",
        severity = Severity.HIGH,
        category = Category.COLLECTION,
        rationale = "Every other rule depends on facts read from the instance; an instance that cannot be read is an "
                + "unknown, not a compliant one.",
        remediation = "Make the instance reachable and give the audit login VIEW ANY DEFINITION and VIEW SERVER STATE.",
        procedureStep = "Prerequisite: read the catalog",
        references = {
            "https://learn.microsoft.com/sql/relational-databases/security/metadata-visibility-configuration"
        })
@PassRequires({
        FactSection.IDENTITY, FactSection.MASTER_KEY, FactSection.CERTIFICATES,
        FactSection.ENDPOINTS, FactSection.SERVER_PRINCIPALS, FactSection.MASTER_PRINCIPALS,
        FactSection.SERVER_ROLE_MEMBERS, FactSection.SERVER_PERMISSIONS, FactSection.MIRRORED_DATABASES,
        FactSection.WITNESS_ROLES, FactSection.AVAILABILITY_REPLICAS, FactSection.CONNECTIONS,
        FactSection.AVAILABILITY_GROUPS, FactSection.AVAILABILITY_DATABASES, FactSection.SEEDING_OPERATIONS})
public final class InstanceAudited implements PerInstance {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "instance-audited";

    @Override
    public void evaluate(InstanceView v, EvaluationContext context, Emitter out) {
        String name = v.name();
        String subject = name + "/collection";
        Collection c = v.facts().collection();
        if (!c.succeeded()) {
            out.fail(name, null, subject, name + " could not be audited: " + c.failure()
                            + (c.reason() == null ? "" : " (" + c.reason() + ")"),
                    Evidence.of(String.valueOf(c.failure()), "catalog read completely")
                            .with("reason", c.reason()));
            return;
        }
        List<String> gaps = v.unreadSections();
        if (!gaps.isEmpty()) {
            out.fail(name, null, subject, name + " was read only partly: " + String.join("; ", gaps),
                    Evidence.of("unread sections: " + String.join("; ", gaps), "every section read")
                            .with("unreadSections", gaps.size()));
        } else {
            out.pass(name, null, subject, name + " was audited completely",
                    Evidence.of("every section read", "every section read")
                            .with("roundTrips", c.roundTrips()).with("durationMillis", c.durationMillis()));
        }
    }
}
