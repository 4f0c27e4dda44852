package io.mirrorguard.rules.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one audit read from one instance, immutable. Each catalog section carries its own read status so a
 * rule can tell "absent" (READ, empty) from "unknown" (not READ → ERROR, never PASS).
 *
 * @param endpoints     DATABASE_MIRRORING endpoints; SQL Server allows at most one per instance
 * @param certificates  every certificate in master
 * @param masterPrincipals master.sys.database_principals
 * @param serverPermissions class 100 and 105 rows of sys.server_permissions
 */
public record InstanceFacts(
        Target target,
        Collection collection,
        Section<ServerIdentity> identity,
        Section<MasterKey> masterKey,
        Section<List<Certificate>> certificates,
        Section<List<MirroringEndpoint>> endpoints,
        Section<List<ServerPrincipal>> serverPrincipals,
        Section<List<DatabasePrincipal>> masterPrincipals,
        Section<List<RoleMembership>> serverRoleMembers,
        Section<List<ServerPermission>> serverPermissions,
        Section<List<MirroredDatabase>> mirroredDatabases,
        Section<List<WitnessRole>> witnessRoles,
        Section<List<AvailabilityReplica>> availabilityReplicas,
        Section<List<MirroringConnection>> connections) {

    public String name() {
        return target.name();
    }

    /** "section (STATUS: reason)" for every section that was not read, in catalog order. */
    public List<String> unreadSections() {
        List<String> gaps = new ArrayList<>();
        gap(gaps, "identity", identity);
        gap(gaps, "masterKey", masterKey);
        gap(gaps, "certificates", certificates);
        gap(gaps, "endpoints", endpoints);
        gap(gaps, "serverPrincipals", serverPrincipals);
        gap(gaps, "masterPrincipals", masterPrincipals);
        gap(gaps, "serverRoleMembers", serverRoleMembers);
        gap(gaps, "serverPermissions", serverPermissions);
        gap(gaps, "mirroredDatabases", mirroredDatabases);
        gap(gaps, "witnessRoles", witnessRoles);
        gap(gaps, "availabilityReplicas", availabilityReplicas);
        gap(gaps, "connections", connections);
        return gaps;
    }

    /** The whole catalog was read: the collection ran and no section is missing. */
    public boolean readCompletely() {
        return collection.succeeded() && unreadSections().isEmpty();
    }

    private static void gap(List<String> gaps, String name, Section<?> s) {
        if (!s.isRead()) {
            gaps.add(name + " (" + s.describeGap() + ")");
        }
    }

    /** Facts for an instance that could not be read at all: every section NOT_COLLECTED with the same reason. */
    public static InstanceFacts unreadable(Target target, Collection collection) {
        String why = collection.failure() + (collection.reason() == null ? "" : ": " + collection.reason());
        return new InstanceFacts(target, collection,
                Section.notCollected(why), Section.notCollected(why), Section.notCollected(why),
                Section.notCollected(why), Section.notCollected(why), Section.notCollected(why),
                Section.notCollected(why), Section.notCollected(why), Section.notCollected(why),
                Section.notCollected(why), Section.notCollected(why), Section.notCollected(why));
    }
}
