package io.mirrorguard.rules.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A replica of an availability group this instance knows (sys.availability_replicas), with its state where
 * sys.dm_hadr_availability_replica_states shows one.
 *
 * @param endpointUrl TCP://host:port of the replica's mirroring endpoint (for a distributed group: the member group's
 *                    LISTENER_URL)
 * @param seedingMode     0 AUTOMATIC, 1 MANUAL; null where the column does not exist (before SQL Server 2016)
 */
public record AvailabilityReplica(
        UUID groupId,
        UUID replicaId,
        String replicaServerName,
        String endpointUrl,
        Integer availabilityMode,
        String availabilityModeDesc,
        Integer failoverMode,
        String failoverModeDesc,
        Boolean local,
        String roleDesc,
        Integer connectedState,
        String connectedStateDesc,
        String synchronizationHealthDesc,
        Integer lastConnectErrorNumber,
        String lastConnectErrorDescription,
        Instant lastConnectErrorTimestamp,
        Integer seedingMode,
        String seedingModeDesc) {

    public boolean automaticSeeding() {
        return seedingMode != null ? seedingMode == 0 : "AUTOMATIC".equalsIgnoreCase(seedingModeDesc);
    }

    public boolean disconnected() {
        return connectedState != null ? connectedState == 0 : "DISCONNECTED".equalsIgnoreCase(connectedStateDesc);
    }
}
