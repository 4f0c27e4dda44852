package io.mirrorguard.rules.model;

import java.util.UUID;

/**
 * A mirrored database as sys.database_mirroring shows it on this instance: rows with a mirroring_guid, and, for an
 * audit login that is no sysadmin, RESTORING databases whose mirroring columns are all NULL because only sysadmin
 * sees them on a mirror ({@link #columnsHidden()}).
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

    /**
     * Every mirroring column is NULL: a RESTORING database seen by a login that is no sysadmin, which is how SQL
     * Server shows a mirror database to it. Whether it is a mirror, and of whom, only the principal's row can say.
     */
    public boolean columnsHidden() {
        return mirroringGuid == null;
    }

    public boolean hasWitness() {
        return witnessName != null && !witnessName.isBlank();
    }
}
