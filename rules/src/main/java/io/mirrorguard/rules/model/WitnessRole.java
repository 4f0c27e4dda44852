package io.mirrorguard.rules.model;

import java.util.UUID;

/**
 * A row of sys.database_mirroring_witnesses: a session this instance is the witness of. Principal and mirror
 * server names are as the partners reported them (server names, not network addresses).
 */
public record WitnessRole(
        String databaseName,
        String principalServerName,
        String mirrorServerName,
        Integer safetyLevel,
        String safetyLevelDesc,
        UUID mirroringGuid,
        boolean suspended,
        Integer partnerSyncState,
        String partnerSyncStateDesc) {}
