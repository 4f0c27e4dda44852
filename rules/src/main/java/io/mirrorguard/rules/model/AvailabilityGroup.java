package io.mirrorguard.rules.model;

import java.util.UUID;

/**
 * An availability group this instance hosts a replica of (sys.availability_groups).
 *
 * @param clusterTypeDesc WSFC, EXTERNAL or NONE; null where the column does not exist (before SQL Server 2017)
 * @param distributed     is_distributed; null where the column does not exist (before SQL Server 2016). The replicas
 *                        of a distributed group are availability groups: replica_server_name is the member group's
 *                        name and endpoint_url its LISTENER_URL
 * @param contained       is_contained; null where the column does not exist (before SQL Server 2022)
 */
public record AvailabilityGroup(
        UUID groupId,
        String name,
        String clusterTypeDesc,
        Boolean distributed,
        Boolean contained) {

    public boolean isDistributed() {
        return Boolean.TRUE.equals(distributed);
    }
}
