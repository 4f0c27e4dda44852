package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.catalog.AgSeedingPermitted;
import io.mirrorguard.rules.catalog.EndpointCertificateAuthentication;
import io.mirrorguard.rules.catalog.EndpointCertificateBackedUp;
import io.mirrorguard.rules.catalog.EndpointCertificateExpiryHorizon;
import io.mirrorguard.rules.catalog.EndpointCertificateKeyProtectedByMasterKey;
import io.mirrorguard.rules.catalog.EndpointCertificatePresent;
import io.mirrorguard.rules.catalog.EndpointCertificateStrength;
import io.mirrorguard.rules.catalog.EndpointCertificateValidity;
import io.mirrorguard.rules.catalog.EndpointConnectNotPublic;
import io.mirrorguard.rules.catalog.EndpointEncryptionAesOnly;
import io.mirrorguard.rules.catalog.EndpointEncryptionRequired;
import io.mirrorguard.rules.catalog.EndpointPresent;
import io.mirrorguard.rules.catalog.EndpointRoleFitsTopology;
import io.mirrorguard.rules.catalog.EndpointStarted;
import io.mirrorguard.rules.catalog.InstanceAudited;
import io.mirrorguard.rules.catalog.MasterKeyPresent;
import io.mirrorguard.rules.catalog.MasterKeyProtectedByServiceKey;
import io.mirrorguard.rules.catalog.MirroringConnectionsEncrypted;
import io.mirrorguard.rules.catalog.MirroringSessionHealthy;
import io.mirrorguard.rules.catalog.PartnerEncryptionCompatible;
import io.mirrorguard.rules.catalog.PeerAddressResolved;
import io.mirrorguard.rules.catalog.PeerCertificateInstalled;
import io.mirrorguard.rules.catalog.PeerCertificateOwnerMapped;
import io.mirrorguard.rules.catalog.PeerCertificatePrivateKeyAbsent;
import io.mirrorguard.rules.catalog.PeerLoginConnectGranted;
import io.mirrorguard.rules.catalog.PeerLoginLeastPrivilege;
import io.mirrorguard.rules.catalog.ReplicaConnected;
import io.mirrorguard.rules.catalog.ReplicaEndpointUrlMatches;
import io.mirrorguard.rules.catalog.StaleEndpointTrust;
import io.mirrorguard.rules.catalog.WitnessTrustBothWays;
import java.util.List;

/** The single reviewed list of built-in rules, in catalog order. */
public final class BuiltInRules {
    private BuiltInRules() {}

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
