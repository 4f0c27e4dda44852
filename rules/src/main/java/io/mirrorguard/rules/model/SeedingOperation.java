package io.mirrorguard.rules.model;

import java.time.Instant;
import java.util.UUID;

/**
 * One automatic seeding attempt (sys.dm_hadr_automatic_seeding; rows appear on the primary, the seeding source).
 *
 * @param remoteReplicaId ag_remote_replica_id: the other replica of the attempt (the target when this is the source)
 * @param currentState    current_state as text, e.g. COMPLETED, FAILED, SEEDING
 * @param failureState    failure_state; a three-digit value with 2 in the hundreds failed on the seeding target
 * @param errorCode       error_code: the SQL error met while seeding, if any
 */
public record SeedingOperation(
        UUID groupId,
        UUID groupDatabaseId,
        UUID remoteReplicaId,
        Boolean source,
        String currentState,
        Integer failureState,
        String failureStateDesc,
        Integer errorCode,
        Integer numberOfAttempts,
        Instant startTime,
        Instant completionTime) {

    /** Failed: current_state FAILED, or a failure state or error recorded. */
    public boolean failed() {
        return currentState != null && currentState.trim().equalsIgnoreCase("FAILED")
                || failureState != null && failureState != 0 && completionTime != null
                || errorCode != null && errorCode != 0;
    }
}
