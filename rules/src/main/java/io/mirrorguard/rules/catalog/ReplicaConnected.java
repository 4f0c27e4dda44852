package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.InstanceView;
import io.mirrorguard.rules.engine.PassRequires;
import io.mirrorguard.rules.engine.RuleInfo;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.AvailabilityReplica;
import java.util.List;

/**
 * Judged per replica row whose state the instance shows: a primary shows every replica, a secondary its own row
 * and the primary's. Rows without a state (other secondaries seen from a secondary) are normal and skipped; an
 * instance hosting a replica but showing no state at all is an ERROR (VIEW SERVER STATE missing), never a PASS.
 */
@RuleInfo(
        id = ReplicaConnected.ID,
        title = "Availability replicas are connected",
        severity = Severity.HIGH,
        category = Category.LINK,
        rationale = "A DISCONNECTED replica is what broken endpoint trust looks like in an availability group: the"
                + " handshake error (missing certificate, no CONNECT permission, wrong ENDPOINT_URL, encryption"
                + " mismatch) is in last_connect_error_number / description / timestamp.",
        remediation = "Fix the trust, endpoint or URL rule that fails for the link; the replica reconnects by itself."
                + " Read last_connect_error_description for the handshake error.",
        procedureStep = "After the procedure: every replica is CONNECTED",
        references = {Refs.DM_REPLICA_STATES, Refs.TROUBLESHOOT})
@PassRequires({FactSection.AVAILABILITY_REPLICAS})
public final class ReplicaConnected extends MemberRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "replica-connected";

    @Override
    protected String baseSubject(String instance) {
        return instance + "/availability-replicas";
    }

    @Override
    protected void check(InstanceView v, EvaluationContext context, Emitter out) {
        String n = v.name();
        if (out.unread(n, null, baseSubject(n), "availabilityReplicas", v.facts().availabilityReplicas())) {
            return;
        }
        List<AvailabilityReplica> rows = v.facts().availabilityReplicas().value();
        if (rows.isEmpty()) {
            out.notApplicable(n, null, baseSubject(n), n + " hosts no availability replica");
            return;
        }
        List<AvailabilityReplica> withState = rows.stream()
                .filter(r -> r.connectedState() != null || r.connectedStateDesc() != null).toList();
        if (withState.isEmpty()) {
            out.error(n, null, baseSubject(n), "sys.dm_hadr_availability_replica_states shows no state for any of the "
                    + rows.size() + " replica(s) " + n + " knows (the audit login needs VIEW SERVER STATE), so"
                    + " whether they are connected is unknown");
            return;
        }
        for (AvailabilityReplica r : withState) {
            String subject = Replicas.subject(v, r);
            Evidence ev = Evidence.of("connected_state " + r.connectedStateDesc(), "CONNECTED")
                    .with("replica", r.replicaServerName()).with("group", Replicas.groupName(v, r.groupId()))
                    .with("role", r.roleDesc());
            if (r.disconnected()) {
                ev = ev.with("last_connect_error_number", r.lastConnectErrorNumber())
                        .with("last_connect_error_description", r.lastConnectErrorDescription())
                        .with("last_connect_error_timestamp", r.lastConnectErrorTimestamp());
                out.fail(n, null, subject, "replica " + r.replicaServerName() + " of " + Replicas.groupName(v,
                        r.groupId()) + " is DISCONNECTED as seen from " + n + (r.lastConnectErrorNumber() == null
                        ? "" : ": error " + r.lastConnectErrorNumber() + " " + r.lastConnectErrorDescription()), ev);
            } else {
                out.pass(n, null, subject, "replica " + r.replicaServerName() + " is " + r.connectedStateDesc()
                        + " as seen from " + n, ev);
            }
        }
    }
}
