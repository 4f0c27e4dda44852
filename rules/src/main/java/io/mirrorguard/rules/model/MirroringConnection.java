package io.mirrorguard.rules.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A live endpoint transport connection (sys.dm_db_mirroring_connections).
 *
 * @param encryptionAlgorithm 0..8 as in {@link EndpointEncryption}; 0 = none
 * @param peerCertificateId   local certificate_id of the certificate the remote instance authenticated with
 * @param address             TCP://host:port of the peer where the server reports it (newer versions), else null
 */
public record MirroringConnection(
        UUID connectionId,
        Integer state,
        String stateDesc,
        Instant connectTime,
        Instant loginTime,
        String authenticationMethod,
        String principalName,
        String remoteUserName,
        boolean accepted,
        Integer loginState,
        String loginStateDesc,
        Integer peerCertificateId,
        int encryptionAlgorithm,
        String encryptionAlgorithmDesc,
        String address) {}
