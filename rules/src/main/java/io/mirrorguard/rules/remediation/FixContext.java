package io.mirrorguard.rules.remediation;

import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.DatabasePrincipal;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.model.Section;
import io.mirrorguard.rules.model.ServerPermission;
import io.mirrorguard.rules.model.ServerPrincipal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;

/**
 * Read-only lookups a fix needs over the snapshot the findings came from. A fix only plans from facts that were
 * read: any lookup into an unread section answers empty, and the fix is then skipped with the reason.
 */
public final class FixContext {

    private final Map<String, InstanceFacts> byName = new HashMap<>();
    private final PlanOptions options;
    private final Map<String, Set<String>> peers;
    private final Set<String> selectedFailures;

    /**
     * @param peers    each instance's link partners (both directions), from the topology the findings came from
     * @param failures every FAIL of the audit; with the options they tell which other fixes this plan will make
     */
    public FixContext(FleetSnapshot snapshot, Map<String, Set<String>> peers, List<Finding> failures,
                      PlanOptions options) {
        snapshot.instances().forEach(i -> byName.put(i.name(), i));
        this.options = options;
        this.peers = peers;
        this.selectedFailures = failures.stream()
                .filter(f -> f.outcome() == Outcome.FAIL && options.selects(f.ruleId(), f.instance()))
                .map(f -> f.ruleId() + "@" + f.instance())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The instances linked to {@code instance}. */
    public Set<String> peersOf(String instance) {
        return peers.getOrDefault(instance, Set.of());
    }

    /** Whether this plan also fixes {@code ruleId} on {@code instance} (it FAILs there and is selected). */
    public boolean planFixes(String ruleId, String instance) {
        return selectedFailures.contains(ruleId + "@" + instance);
    }

    public PlanOptions options() {
        return options;
    }

    public Optional<InstanceFacts> instance(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** The primary of an availability group: the instance whose own replica row of the group is PRIMARY. */
    public Optional<String> primaryOf(java.util.UUID groupId) {
        for (InstanceFacts i : byName.values()) {
            if (!i.availabilityReplicas().isRead()) {
                continue;
            }
            for (var r : i.availabilityReplicas().value()) {
                if (groupId.equals(r.groupId()) && Boolean.TRUE.equals(r.local()) && "PRIMARY".equalsIgnoreCase(r.roleDesc())) {
                    return Optional.of(i.name());
                }
            }
        }
        return Optional.empty();
    }

    /** The availability group of that name the instance hosts a replica of, if read. */
    public Optional<io.mirrorguard.rules.model.AvailabilityGroup> availabilityGroup(String instance, String name) {
        return instance(instance).flatMap(i -> read(i.availabilityGroups()))
                .flatMap(l -> l.stream().filter(g -> g.name() != null && g.name().equalsIgnoreCase(name)).findFirst());
    }

    public Optional<MirroringEndpoint> endpoint(String instance) {
        return instance(instance).flatMap(i -> read(i.endpoints())).flatMap(l -> l.stream().findFirst());
    }

    public Optional<Certificate> endpointCertificate(String instance) {
        return endpoint(instance).flatMap(ep -> certificates(instance).stream()
                .filter(c -> c.certificateId() == ep.certificateId()).findFirst());
    }

    public List<Certificate> certificates(String instance) {
        return instance(instance).flatMap(i -> read(i.certificates())).orElse(List.of());
    }

    public Optional<Certificate> certificateByThumbprint(String instance, String thumbprint) {
        return certificates(instance).stream()
                .filter(c -> c.thumbprint() != null && c.thumbprint().equalsIgnoreCase(thumbprint)).findFirst();
    }

    public Optional<DatabasePrincipal> masterPrincipal(String instance, Integer principalId) {
        return instance(instance).flatMap(i -> read(i.masterPrincipals()))
                .flatMap(l -> l.stream().filter(p -> Objects.equals(p.principalId(), principalId)).findFirst());
    }

    public Optional<DatabasePrincipal> masterPrincipalByName(String instance, String name) {
        return instance(instance).flatMap(i -> read(i.masterPrincipals()))
                .flatMap(l -> l.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst());
    }

    public Optional<ServerPrincipal> loginBySid(String instance, String sid) {
        if (sid == null) {
            return Optional.empty();
        }
        return instance(instance).flatMap(i -> read(i.serverPrincipals()))
                .flatMap(l -> l.stream().filter(p -> sid.equalsIgnoreCase(p.sid())).findFirst());
    }

    public Optional<ServerPrincipal> loginByName(String instance, String name) {
        return instance(instance).flatMap(i -> read(i.serverPrincipals()))
                .flatMap(l -> l.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst());
    }

    public List<ServerPermission> endpointPermissions(String instance) {
        Optional<MirroringEndpoint> ep = endpoint(instance);
        if (ep.isEmpty()) {
            return List.of();
        }
        return instance(instance).flatMap(i -> read(i.serverPermissions())).orElse(List.of()).stream()
                .filter(p -> p.classId() == ServerPermission.CLASS_ENDPOINT && p.majorId() == ep.get().endpointId())
                .toList();
    }

    /** The login L maps R's endpoint certificate to (certificate → owner user → SID → login), if the chain exists. */
    public Optional<ServerPrincipal> trustLogin(String trusting, String trusted) {
        return endpointCertificate(trusted)
                .flatMap(rc -> certificateByThumbprint(trusting, rc.thumbprint()))
                .flatMap(copy -> masterPrincipal(trusting, copy.principalId()))
                .flatMap(user -> loginBySid(trusting, user.sid()));
    }

    private static <T> Optional<T> read(Section<T> section) {
        return section != null && section.isRead() ? Optional.of(section.value()) : Optional.empty();
    }
}
