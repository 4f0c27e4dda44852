package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.Rule;
import io.mirrorguard.rules.engine.RuleEngine;
import java.util.List;

/** The single reviewed list of built-in rules, in catalog order. */
public final class BuiltInRules {
    private BuiltInRules() {}

    /** An engine over every built-in rule; the catalog owns the list so the engine need not know the catalog. */
    public static RuleEngine engine() {
        return new RuleEngine(all());
    }

    public static List<Rule> all() {
        return List.of(
                // Collection
                new InstanceAudited(),
                // Outbound
                new MasterKeyPresent(),
                new MasterKeyProtectedByServiceKey(),
                new EndpointPresent(),
                new EndpointStarted(),
                new EndpointCertificateAuthentication(),
                new EndpointEncryptionRequired(),
                new EndpointEncryptionAesOnly(),
                new EndpointRoleFitsTopology(),
                new EndpointCertificatePresent(),
                new EndpointCertificateKeyProtectedByMasterKey(),
                new EndpointCertificateValidity(),
                new EndpointCertificateExpiryHorizon(),
                new EndpointCertificateStrength(),
                new EndpointCertificateBackedUp(),
                new EndpointConnectNotPublic(),
                // Inbound trust
                new PeerCertificateInstalled(),
                new PeerCertificateOwnerMapped(),
                new PeerLoginConnectGranted(),
                new PeerCertificatePrivateKeyAbsent(),
                new PeerLoginLeastPrivilege(),
                // Links and sessions
                new WitnessTrustBothWays(),
                new PartnerEncryptionCompatible(),
                new PeerAddressResolved(),
                new MirroringConnectionsEncrypted(),
                new MirroringSessionHealthy(),
                new StaleEndpointTrust(),
                new ReplicaEndpointUrlMatches(),
                new ReplicaConnected(),
                new AgSeedingPermitted());
    }
}
