package io.mirrorguard.rules.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A replica of an availability group this instance knows (sys.availability_replicas), with its state where
 * sys.dm_hadr_availability_replica_states shows one.
 *
 * @param endpointUrl TCP://host:port of the replica's mirroring endpoint
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
        Instant lastConnectErrorTimestamp) {}
