package io.mirrorguard.rules.model;

import java.util.UUID;

/**
 * A mirrored database as sys.database_mirroring shows it on this instance (rows with a mirroring_guid only).
 * Non-NULL values on a mirror need sysadmin: fields may be null when the audit login cannot see them.
 *
 * @param state       0 SUSPENDED, 1 DISCONNECTED, 2 SYNCHRONIZING, 3 PENDING_FAILOVER, 4 SYNCHRONIZED, ...
 * @param role        1 PRINCIPAL, 2 MIRROR
 * @param partnerName server network address of the partner, TCP://host:port
 * @param witnessName server network address of the witness, or null/empty without witness
 * @param witnessState 0 UNKNOWN, 1 CONNECTED, 2 DISCONNECTED
 */
public record MirroredDatabase(
        int databaseId,
        String databaseName,
        UUID mirroringGuid,
        Integer state,
        String stateDesc,
        Integer role,
        String roleDesc,
        Integer safetyLevel,
        String safetyLevelDesc,
        String partnerName,
        String partnerInstance,
        String witnessName,
        Integer witnessState,
        String witnessStateDesc,
        Integer connectionTimeout) {

    public boolean hasWitness() {
        return witnessName != null && !witnessName.isBlank();
    }
}
