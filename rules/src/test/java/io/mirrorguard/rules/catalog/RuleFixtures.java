package io.mirrorguard.rules.catalog;

import static io.mirrorguard.rules.fixtures.Fleets.NOW;
import static io.mirrorguard.rules.fixtures.Fleets.days;

import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.fixtures.FleetBuilder;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.fixtures.InstanceBuilder;
import io.mirrorguard.rules.fixtures.Rec;
import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.MasterKey;
import io.mirrorguard.rules.model.ServerPermission;
import io.mirrorguard.rules.model.ServerPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * FAIL fixtures: one mutation of the correct procedure fleet per case, with the exact set of rules that must then
 * fail. The correct fleet itself is every rule's PASS fixture.
 *
 * @param rule      the rule the case is the FAIL fixture of
 * @param instance  the instance the primary FAIL must be about
 */
record RuleFixtures(String name, String rule, String instance, Consumer<FleetBuilder> mutation, Set<String> failing,
                    Policy policy) {

    static final String W = WitnessTrustBothWays.ID;
    static final String[] INSTANCES = {"SQLA", "SQLB", "SQLW"};

    @Override
    public String toString() {
        return name;
    }

    static RuleFixtures of(String name, String rule, String instance, Consumer<InstanceBuilder> m, String... failing) {
        return new RuleFixtures(name, rule, instance, f -> m.accept(f.instance(instance)), Set.of(failing),
                Policy.defaults());
    }

    /** Every outbound step broken on every instance, every inbound step for every ordered pair, each security rule. */
    static List<RuleFixtures> all() {
        List<RuleFixtures> cases = new ArrayList<>();
        for (String x : INSTANCES) {
            // Outbound step 1
            cases.add(of(x + ": no database master key", MasterKeyPresent.ID, x,
                    b -> b.masterKey = MasterKey.absent(false), MasterKeyPresent.ID));
            cases.add(of(x + ": master key not protected by the service master key",
                    MasterKeyProtectedByServiceKey.ID, x,
                    b -> b.masterKey = Rec.with(b.masterKey, "encryptedByServiceMasterKey", false),
                    MasterKeyProtectedByServiceKey.ID));
            // Outbound step 2
            cases.add(of(x + ": endpoint certificate dropped", EndpointCertificatePresent.ID, x,
                    b -> b.certificates.removeIf(c -> c.certificateId() == Fleets.OWN_CERT_ID),
                    EndpointCertificatePresent.ID, W));
            cases.add(of(x + ": endpoint certificate without private key", EndpointCertificatePresent.ID, x,
                    b -> b.certificate(x + "_cert", c -> Rec.with(c, "pvtKeyEncryptionType", "NA")),
                    EndpointCertificatePresent.ID));
            cases.add(of(x + ": private key encrypted by password", EndpointCertificateKeyProtectedByMasterKey.ID, x,
                    b -> b.certificate(x + "_cert", c -> Rec.with(c, "pvtKeyEncryptionType", "PW")),
                    EndpointCertificateKeyProtectedByMasterKey.ID));
            cases.add(of(x + ": endpoint certificate expired", EndpointCertificateValidity.ID, x,
                    b -> b.certificate(x + "_cert", c -> Rec.with(c, "expiryDate", NOW.minus(days(1)))),
                    EndpointCertificateValidity.ID));
            cases.add(of(x + ": endpoint certificate expires in 20 days", EndpointCertificateExpiryHorizon.ID, x,
                    b -> b.certificate(x + "_cert", c -> Rec.with(c, "expiryDate", NOW.plus(days(20)))),
                    EndpointCertificateExpiryHorizon.ID));
            cases.add(of(x + ": 1024-bit endpoint key", EndpointCertificateStrength.ID, x,
                    b -> b.certificate(x + "_cert", c -> Rec.with(c, "details", Rec.with(c.details(), "keyBits", 1024))),
                    EndpointCertificateStrength.ID));
            // Outbound step 3
            cases.add(of(x + ": endpoint dropped", EndpointPresent.ID, x, b -> b.endpoints.clear(),
                    EndpointPresent.ID, W));
            cases.add(of(x + ": endpoint stopped", EndpointStarted.ID, x,
                    b -> b.endpoint(e -> Rec.with(Rec.with(e, "state", 1), "stateDesc", "STOPPED")), EndpointStarted.ID));
            cases.add(of(x + ": endpoint uses Windows authentication", EndpointCertificateAuthentication.ID, x,
                    b -> b.endpoint(e -> Rec.with(Rec.with(e, "connectionAuth", 3), "certificateId", 0)),
                    EndpointCertificateAuthentication.ID, W));
            cases.add(of(x + ": endpoint falls back to Windows", EndpointCertificateAuthentication.ID, x,
                    b -> b.endpoint(e -> Rec.with(e, "connectionAuth", 10)), EndpointCertificateAuthentication.ID));
            cases.add(of(x + ": encryption only SUPPORTED", EndpointEncryptionRequired.ID, x,
                    b -> b.endpoint(e -> Rec.with(e, "encryptionAlgorithm", 4)),
                    EndpointEncryptionRequired.ID, EndpointEncryptionAesOnly.ID));
            cases.add(of(x + ": encryption RC4", EndpointEncryptionAesOnly.ID, x,
                    b -> b.endpoint(e -> Rec.with(e, "encryptionAlgorithm", 1)),
                    EndpointEncryptionAesOnly.ID, PartnerEncryptionCompatible.ID));
            cases.add(of(x + ": encryption DISABLED", PartnerEncryptionCompatible.ID, x,
                    b -> b.endpoint(e -> Rec.with(e, "encryptionAlgorithm", 0)),
                    EndpointEncryptionRequired.ID, EndpointEncryptionAesOnly.ID, PartnerEncryptionCompatible.ID));
            cases.add(of(x + ": endpoint role does not fit", EndpointRoleFitsTopology.ID, x,
                    b -> b.endpoint(e -> Rec.with(e, "role", x.equals("SQLW") ? 1 : 2)), EndpointRoleFitsTopology.ID));
            // Outbound step 4
            cases.add(of(x + ": certificate never backed up", EndpointCertificateBackedUp.ID, x,
                    b -> b.certificate(x + "_cert", c -> Rec.with(c, "pvtKeyLastBackupDate", null)),
                    EndpointCertificateBackedUp.ID));
            cases.add(of(x + ": CONNECT granted to public", EndpointConnectNotPublic.ID, x,
                    b -> b.serverPermissions.add(new ServerPermission(105, "ENDPOINT", Fleets.ENDPOINT_ID, 2, "public",
                            1, "CO", "CONNECT", "G", "GRANT")), EndpointConnectNotPublic.ID));
            cases.add(of(x + ": unencrypted live connection", MirroringConnectionsEncrypted.ID, x,
                    b -> b.connections.set(0, Rec.with(b.connections.get(0), "encryptionAlgorithm", 0)),
                    MirroringConnectionsEncrypted.ID));
            cases.add(of(x + ": leftover CONNECT grant", StaleEndpointTrust.ID, x, b -> {
                b.serverPrincipals.add(new ServerPrincipal("OLD_login", 400, "0A0B", "S", "SQL_LOGIN", false, NOW, NOW,
                        "master", null, false));
                b.serverPermissions.add(new ServerPermission(105, "ENDPOINT", Fleets.ENDPOINT_ID, 400, "OLD_login", 1,
                        "CO", "CONNECT", "G", "GRANT"));
            }, StaleEndpointTrust.ID));
        }
        for (String l : INSTANCES) {
            for (String r : INSTANCES) {
                if (l.equals(r)) {
                    continue;
                }
                boolean witness = l.equals("SQLW") || r.equals("SQLW");
                String pair = l + "<-" + r;
                // Inbound step 1: the peer's login
                cases.add(inbound(pair + ": peer login dropped", PeerCertificateOwnerMapped.ID, l, witness,
                        b -> b.dropLogin(r + "_login")));
                // Inbound step 2: the peer's user is WITHOUT LOGIN
                cases.add(inbound(pair + ": certificate owner is a user WITHOUT LOGIN", PeerCertificateOwnerMapped.ID,
                        l, witness, b -> b.masterPrincipals.replaceAll(u -> u.name().equals(r + "_user")
                                ? Rec.with(Rec.with(u, "authenticationType", 0), "sid", "FFEE") : u)));
                // Inbound steps 3-4: the peer's certificate
                cases.add(inbound(pair + ": peer certificate not installed", PeerCertificateInstalled.ID, l, witness,
                        b -> b.certificates.removeIf(c -> c.name().equals(r + "_cert"))));
                cases.add(of(pair + ": peer certificate copy carries a private key",
                        PeerCertificatePrivateKeyAbsent.ID, l,
                        b -> b.certificate(r + "_cert", c -> Rec.with(c, "pvtKeyEncryptionType", "MK")),
                        PeerCertificatePrivateKeyAbsent.ID));
                // Inbound step 5: CONNECT
                cases.add(inbound(pair + ": CONNECT not granted", PeerLoginConnectGranted.ID, l, witness,
                        b -> b.removePermissions(p -> p.classId() == 105 && p.granteeName().equals(r + "_login"))));
                cases.add(inbound(pair + ": CONNECT denied", PeerLoginConnectGranted.ID, l, witness,
                        b -> b.serverPermissions.add(new ServerPermission(105, "ENDPOINT", Fleets.ENDPOINT_ID,
                                b.login(r + "_login").principalId(), r + "_login", 1, "CO", "CONNECT", "D", "DENY"))));
            }
        }
        cases.add(new RuleFixtures("SQLA<-SQLW: witness login dropped, seen by the witness rule", W, "SQLW",
                f -> f.instance("SQLA").dropLogin("SQLW_login"), Set.of(PeerCertificateOwnerMapped.ID, W),
                Policy.defaults()));
        cases.add(of("SQLA: leftover public certificate after a rotation", StaleEndpointTrust.ID, "SQLA", b -> {
            Certificate old = Rec.with(Rec.with(b.certificate("SQLB_cert"), "name", "SQLB_cert_2025"),
                    "thumbprint", "00112233445566778899AABBCCDDEEFF00112233");
            b.certificates.add(Rec.with(old, "certificateId", 290));
        }, StaleEndpointTrust.ID));
        cases.add(of("SQLA: partner address matches no instance", PeerAddressResolved.ID, "SQLA",
                b -> b.mirroredDatabases.replaceAll(d -> Rec.with(d, "partnerName", "TCP://sqlx.corp.example:5022")),
                PeerAddressResolved.ID));
        cases.add(of("SQLA: partner address with another port", PeerAddressResolved.ID, "SQLA",
                b -> b.mirroredDatabases.replaceAll(d -> Rec.with(d, "partnerName", "TCP://sqlb.corp.example:5999")),
                PeerAddressResolved.ID));
        cases.add(of("SQLA: session suspended", MirroringSessionHealthy.ID, "SQLA",
                b -> b.mirroredDatabases.replaceAll(d -> Rec.with(Rec.with(d, "state", 0), "stateDesc", "SUSPENDED")),
                MirroringSessionHealthy.ID));
        cases.add(of("SQLB: witness disconnected", MirroringSessionHealthy.ID, "SQLB",
                b -> b.mirroredDatabases.replaceAll(d -> Rec.with(Rec.with(d, "witnessState", 2),
                        "witnessStateDesc", "DISCONNECTED")), MirroringSessionHealthy.ID));
        cases.add(of("SQLB: unreachable", InstanceAudited.ID, "SQLB", InstanceBuilder::unreachable, InstanceAudited.ID));
        cases.add(of("SQLA: connections not visible", InstanceAudited.ID, "SQLA",
                b -> b.unread("connections", io.mirrorguard.rules.model.SectionStatus.NOT_VISIBLE), InstanceAudited.ID));
        return cases;
    }

    private static RuleFixtures inbound(String name, String rule, String l, boolean witness, Consumer<InstanceBuilder> m) {
        return witness ? of(name, rule, l, m, rule, W) : of(name, rule, l, m, rule);
    }
}
