package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.topology.Link;
import java.time.Instant;
import java.util.List;

/**
 * Everything one evaluation produced, format-neutral.
 *
 * @param evaluatedAt the moment waivers are judged against (by default the snapshot's takenAt)
 */
public record AuditResult(Instant evaluatedAt, FleetSnapshot snapshot, List<Finding> findings,
                          List<InstanceSummary> instances, List<TrustStatus> trust, List<Link> links) {
    public AuditResult {
        findings = List.copyOf(findings);
        instances = List.copyOf(instances);
        trust = List.copyOf(trust);
        links = List.copyOf(links);
    }
}
