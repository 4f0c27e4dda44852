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
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.topology.NetworkAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Judged on the replica's own instance, from its own row: the AG metadata is the same on every replica, so the URL
 * the others dial is the one the replica itself shows.
 */
@RuleInfo(
        id = ReplicaEndpointUrlMatches.ID,
        title = "A replica's ENDPOINT_URL reaches its own mirroring endpoint",
        severity = Severity.HIGH,
        category = Category.LINK,
        rationale = "The other replicas connect to the ENDPOINT_URL the group stores for a replica. A port other than"
                + " the replica's DATABASE_MIRRORING listener port, or a host that is another instance, sends every"
                + " connection to the wrong place and the replica stays DISCONNECTED.",
        remediation = "Reviewed manual step on the primary: ALTER AVAILABILITY GROUP [<ag>] MODIFY REPLICA ON"
                + " N'<server>' WITH (ENDPOINT_URL = N'TCP://<host>:<endpoint port>');",
        procedureStep = "CREATE AVAILABILITY GROUP ... REPLICA ON ... WITH (ENDPOINT_URL = ...)",
        references = {Refs.AG_ENDPOINT_URL, Refs.SYS_AVAILABILITY_REPLICAS, Refs.ALTER_AG})
@PassRequires({FactSection.AVAILABILITY_REPLICAS, FactSection.ENDPOINTS})
public final class ReplicaEndpointUrlMatches extends MemberRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "replica-endpoint-url-matches";

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
        List<AvailabilityReplica> own = Replicas.local(v);
        if (own.isEmpty()) {
            out.notApplicable(n, null, baseSubject(n), n + " hosts no availability replica");
            return;
        }
        for (AvailabilityReplica r : own) {
            String subject = Replicas.subject(v, r);
            if (out.unread(n, null, subject, "endpoints", v.facts().endpoints())) {
                continue;
            }
            Optional<MirroringEndpoint> ep = v.endpoint();
            if (ep.isEmpty()) {
                out.notApplicable(n, null, subject, n + " has no DATABASE_MIRRORING endpoint (see endpoint-present)");
                continue;
            }
            Integer port = ep.get().port();
            String expected = "TCP://<a name of " + n + ">:" + port + " (endpoint [" + ep.get().name() + "])";
            String url = r.endpointUrl();
            Optional<NetworkAddress> parsed = url == null ? Optional.empty() : NetworkAddress.parse(url);
            if (url == null) {
                out.error(n, null, subject, "the ENDPOINT_URL of replica " + r.replicaServerName() + " is NULL"
                        + " (the cluster could not be reached when the catalog was read)");
                continue;
            }
            Evidence ev = Evidence.of("ENDPOINT_URL " + url, expected).with("replica", r.replicaServerName())
                    .with("group", Replicas.groupName(v, r.groupId()));
            if (parsed.isEmpty()) {
                out.fail(n, null, subject, "the ENDPOINT_URL of replica " + r.replicaServerName() + " on " + n
                        + " is not a TCP://host:port address: " + url, ev);
                continue;
            }
            NetworkAddress a = parsed.get();
            if (port == null) {
                out.error(n, null, subject, n + "'s endpoint [" + ep.get().name() + "] shows no TCP port");
                continue;
            }
            if (a.port() != port) {
                out.fail(n, null, subject, "the ENDPOINT_URL of replica " + r.replicaServerName() + " uses port "
                        + a.port() + " but " + n + "'s endpoint listens on " + port, ev);
                continue;
            }
            Set<String> at = context.instancesAtHost(a.host());
            if (!at.isEmpty() && !at.contains(n)) {
                out.fail(n, null, subject, "the ENDPOINT_URL of replica " + r.replicaServerName() + " names host "
                        + a.host() + ", which is " + String.join(", ", at) + ", not " + n, ev.with("hostIs",
                        String.join(", ", at)));
                continue;
            }
            out.pass(n, null, subject, "the ENDPOINT_URL of replica " + r.replicaServerName() + " reaches " + n
                    + "'s endpoint port " + port + (at.isEmpty() ? " (host " + a.host()
                    + " is no other audited instance)" : ""), ev);
        }
    }
}
