package io.mirrorguard.rules.model;

/**
 * The instance's DATABASE_MIRRORING endpoint (sys.database_mirroring_endpoints joined with sys.tcp_endpoints), every
 * column, codes and descriptions as SQL Server reports them.
 *
 * @param state               0 STARTED, 1 STOPPED, 2 DISABLED
 * @param role                0 NONE, 1 PARTNER, 2 WITNESS, 3 ALL
 * @param connectionAuth      1..10, see {@link EndpointAuthentication}
 * @param certificateId       master certificate used to authenticate; 0 = Windows only
 * @param encryptionAlgorithm 0..8, see {@link EndpointEncryption}
 * @param ipAddress           LISTENER_IP; null for ALL
 */
public record MirroringEndpoint(
        String name,
        int endpointId,
        Integer principalId,
        String protocolDesc,
        String typeDesc,
        int state,
        String stateDesc,
        boolean adminEndpoint,
        int role,
        String roleDesc,
        boolean encryptionEnabled,
        int connectionAuth,
        String connectionAuthDesc,
        int certificateId,
        int encryptionAlgorithm,
        String encryptionAlgorithmDesc,
        Integer port,
        boolean dynamicPort,
        String ipAddress) {

    public boolean started() {
        return state == 0;
    }

    public EndpointEncryption encryption() {
        return EndpointEncryption.fromCode(encryptionAlgorithm);
    }

    public EndpointAuthentication authentication() {
        return EndpointAuthentication.fromCode(connectionAuth);
    }

    public boolean acceptsPartnerRole() {
        return role == 1 || role == 3;
    }

    public boolean acceptsWitnessRole() {
        return role == 2 || role == 3;
    }
}
