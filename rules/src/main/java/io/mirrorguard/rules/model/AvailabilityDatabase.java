package io.mirrorguard.rules.model;

import java.util.UUID;

/**
 * A database of an availability group (sys.availability_databases_cluster), with whether this instance's copy has
 * joined it: the local row of sys.dm_hadr_database_replica_states.
 *
 * @param localDatabaseId              database_id of the joined local copy; null when this replica has no joined copy
 *                                     (for an automatic-seeding secondary: the database was never created here)
 * @param localSynchronizationStateDesc synchronization_state_desc of the local copy, null without one
 */
public record AvailabilityDatabase(
        UUID groupId,
        UUID groupDatabaseId,
        String databaseName,
        Integer localDatabaseId,
        String localSynchronizationStateDesc) {

    public boolean joinedLocally() {
        return localDatabaseId != null;
    }
}
