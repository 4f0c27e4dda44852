package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.PassRequires;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.FleetScope;
import io.mirrorguard.rules.engine.InstanceView;
import io.mirrorguard.rules.engine.Rule;
import io.mirrorguard.rules.engine.RuleInfo;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.MirroredDatabase;
import io.mirrorguard.rules.topology.AddressReference;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleInfo(
        id = PeerAddressResolved.ID,
        title = "Partner, witness and replica addresses match audited instances",
        severity = Severity.MEDIUM,
        category = Category.LINK,
        rationale = "Trust can only be checked between audited instances; an address that matches none (missing from"
                + " the inventory, alias not configured, wrong port) hides that link from every trust rule.",
        remediation = "Add the instance to the inventory, or configure aliases for the host name used in the address.",
        procedureStep = "Prerequisite: know every link of the topology",
        references = {Refs.SERVER_NETWORK_ADDRESS, Refs.SYS_DATABASE_MIRRORING})
@PassRequires({
        FactSection.MIRRORED_DATABASES, FactSection.WITNESS_ROLES, FactSection.AVAILABILITY_REPLICAS})
public final class PeerAddressResolved extends MemberRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "peer-address-resolved";

    @Override
    protected String baseSubject(String instance) {
        return instance + "/addresses";
    }

    @Override
    protected void check(InstanceView v, EvaluationContext context, Emitter out) {
        String n = v.name();
        if (out.unread(n, null, baseSubject(n), "mirroredDatabases", v.facts().mirroredDatabases(),
                "witnessRoles", v.facts().witnessRoles(), "availabilityReplicas", v.facts().availabilityReplicas())) {
            return;
        }
        List<AddressReference> refs = context.topology().addressesReportedBy(n);
        for (MirroredDatabase db : v.facts().mirroredDatabases().value()) {
            if (!db.columnsHidden()) {
                continue;
            }
            String subject = n + "/database/" + db.databaseName();
            var session = HiddenMirrorRows.sessionOf(context, n, db);
            if (session.isPresent()) {
                out.notApplicable(n, session.get().principal(), subject, HiddenMirrorRows.hidden(n, db)
                        + ", so its partner and witness addresses are checked on the principal "
                        + session.get().principal());
            } else {
                out.error(n, null, subject, HiddenMirrorRows.hidden(n, db) + ": its partner and witness addresses"
                        + " cannot be read, and no audited principal or witness names " + n + " as its mirror");
            }
        }
        if (refs.isEmpty() && v.facts().mirroredDatabases().value().stream().anyMatch(MirroredDatabase::columnsHidden)) {
            return;
        }
        if (refs.isEmpty()) {
            out.notApplicable(n, null, baseSubject(n), n + " reports no partner, witness or replica address");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (AddressReference r : refs) {
            if (!seen.add(r.source() + "|" + r.address())) {
                continue;
            }
            String subject = n + "/address/" + r.address();
            Evidence ev = Evidence.of(r.resolved() ? "matches " + r.resolvedTo() : r.problem(),
                    "matches one audited instance").with("source", r.source()).with("role", r.role());
            Optional<FleetScope.Uncollected> outside = r.resolved() ? Optional.empty()
                    : context.scope().byReference(r.address());
            if (outside.isPresent()) {
                // A configured instance this audit did not collect: the address is not wrong, it is unchecked
                // (ERROR, not NOT_APPLICABLE, so that an open finding on it is not resolved by an audit that could
                // not check it).
                out.error(n, null, subject, r.role().name().toLowerCase() + " address " + r.address()
                        + " names " + outside.get().describe() + "; its port is checked when that instance is audited");
            } else if (r.resolved() && !endpointRead(context, r.resolvedTo())) {
                // The name matched, but the port can only be checked against the peer's endpoint, which is unread.
                out.error(n, r.resolvedTo(), subject, r.role().name().toLowerCase() + " address " + r.address()
                        + " names " + r.resolvedTo() + ", but its endpoint port cannot be checked: "
                        + r.resolvedTo() + " endpoints not read ("
                        + context.instance(r.resolvedTo()).facts().endpoints().describeGap() + ")");
            } else if (r.resolved()) {
                out.pass(n, r.resolvedTo(), subject, r.role().name().toLowerCase() + " address " + r.address()
                        + " is " + r.resolvedTo(), ev);
            } else {
                out.fail(n, null, subject, r.role().name().toLowerCase() + " address " + r.address() + " reported by "
                        + n + " (" + r.source() + ") matches no audited instance: " + r.problem(), ev);
            }
        }
    }

    private static boolean endpointRead(EvaluationContext context, String instance) {
        var f = context.instance(instance).facts();
        return f.collection().succeeded() && f.endpoints().isRead();
    }
}
