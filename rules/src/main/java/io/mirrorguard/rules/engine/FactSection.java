package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.Section;
import java.util.function.Function;

/** The catalog sections of {@link InstanceFacts}, by the names reports and docs use for them. */
public enum FactSection {
    IDENTITY("identity", InstanceFacts::identity),
    MASTER_KEY("masterKey", InstanceFacts::masterKey),
    CERTIFICATES("certificates", InstanceFacts::certificates),
    ENDPOINTS("endpoints", InstanceFacts::endpoints),
    SERVER_PRINCIPALS("serverPrincipals", InstanceFacts::serverPrincipals),
    MASTER_PRINCIPALS("masterPrincipals", InstanceFacts::masterPrincipals),
    SERVER_ROLE_MEMBERS("serverRoleMembers", InstanceFacts::serverRoleMembers),
    SERVER_PERMISSIONS("serverPermissions", InstanceFacts::serverPermissions),
    MIRRORED_DATABASES("mirroredDatabases", InstanceFacts::mirroredDatabases),
    WITNESS_ROLES("witnessRoles", InstanceFacts::witnessRoles),
    AVAILABILITY_REPLICAS("availabilityReplicas", InstanceFacts::availabilityReplicas),
    CONNECTIONS("connections", InstanceFacts::connections),
    AVAILABILITY_GROUPS("availabilityGroups", InstanceFacts::availabilityGroups),
    AVAILABILITY_DATABASES("availabilityDatabases", InstanceFacts::availabilityDatabases),
    SEEDING_OPERATIONS("seedingOperations", InstanceFacts::seedingOperations);

    private final String key;
    private final Function<InstanceFacts, Section<?>> section;

    FactSection(String key, Function<InstanceFacts, Section<?>> section) {
        this.key = key;
        this.section = section;
    }

    /** The section's name as in the snapshot format and in "not read" messages, e.g. {@code mirroredDatabases}. */
    public String key() {
        return key;
    }

    public Section<?> of(InstanceFacts facts) {
        return section.apply(facts);
    }
}
