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
 * @param availabilityGroups    sys.availability_groups
 * @param availabilityDatabases sys.availability_databases_cluster with the local copy's join state
 * @param seedingOperations     sys.dm_hadr_automatic_seeding
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
        Section<List<MirroringConnection>> connections,
        Section<List<AvailabilityGroup>> availabilityGroups,
        Section<List<AvailabilityDatabase>> availabilityDatabases,
        Section<List<SeedingOperation>> seedingOperations) {

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
        gap(gaps, "availabilityGroups", availabilityGroups);
        gap(gaps, "availabilityDatabases", availabilityDatabases);
        gap(gaps, "seedingOperations", seedingOperations);
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
                Section.notCollected(why), Section.notCollected(why), Section.notCollected(why),
                Section.notCollected(why), Section.notCollected(why), Section.notCollected(why));
    }
}
