package io.mirrorguard.rules.catalog;

import static io.mirrorguard.rules.fixtures.Fleets.AG_ID;
import static io.mirrorguard.rules.fixtures.Fleets.NOW;

import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.fixtures.FleetBuilder;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.fixtures.InstanceBuilder;
import io.mirrorguard.rules.fixtures.Rec;
import io.mirrorguard.rules.model.AvailabilityReplica;
import io.mirrorguard.rules.model.RoleMembership;
import io.mirrorguard.rules.model.SeedingOperation;
import io.mirrorguard.rules.model.ServerPermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * FAIL fixtures on the correct availability group ({@link Fleets#correctAvailabilityGroup()}): every step of
 * Microsoft's certificate procedure for AGs broken once per replica or ordered pair, plus the AG-specific rules.
 */
final class AgRuleFixtures {
    private AgRuleFixtures() {}

    static RuleFixtures of(String name, String rule, String instance, Consumer<InstanceBuilder> m, String... failing) {
        return new RuleFixtures(name, rule, instance, f -> m.accept(f.instance(instance)), Set.of(failing),
                Policy.defaults());
    }

    static List<RuleFixtures> all() {
        List<RuleFixtures> cases = new ArrayList<>();
        List<String> names = Fleets.AG_REPLICAS;
        for (String x : names) {
            cases.add(of(x + ": endpoint stopped", EndpointStarted.ID, x,
                    b -> b.endpoint(e -> Rec.with(Rec.with(e, "state", 1), "stateDesc", "STOPPED")), EndpointStarted.ID));
            cases.add(of(x + ": endpoint ROLE = WITNESS on a replica", EndpointRoleFitsTopology.ID, x,
                    b -> b.endpoint(e -> Rec.with(Rec.with(e, "role", 2), "roleDesc", "WITNESS")),
                    EndpointRoleFitsTopology.ID));
            cases.add(of(x + ": encryption DISABLED", PartnerEncryptionCompatible.ID, x,
                    b -> b.endpoint(e -> Rec.with(e, "encryptionAlgorithm", 0)),
                    EndpointEncryptionRequired.ID, EndpointEncryptionAesOnly.ID, PartnerEncryptionCompatible.ID));
            // The AG metadata is the same on every replica: a wrong URL shows everywhere, so the other replicas
            // cannot resolve it either.
            cases.add(new RuleFixtures(x + ": ENDPOINT_URL with the wrong port", ReplicaEndpointUrlMatches.ID, x,
                    f -> names.forEach(n -> f.instance(n).availabilityReplicas.replaceAll(r ->
                            r.replicaServerName().equals(x)
                                    ? Rec.with(r, "endpointUrl", "TCP://" + x.toLowerCase() + ".corp.example:5023") : r)),
                    Set.of(ReplicaEndpointUrlMatches.ID, PeerAddressResolved.ID), Policy.defaults()));
            String other = names.get((names.indexOf(x) + 1) % names.size());
            cases.add(of(x + ": ENDPOINT_URL naming another replica's host", ReplicaEndpointUrlMatches.ID, x,
                    b -> b.availabilityReplicas.replaceAll(r -> r.replicaServerName().equals(x)
                            ? Rec.with(r, "endpointUrl", Fleets.address(other)) : r),
                    ReplicaEndpointUrlMatches.ID));
            cases.add(of(x + ": unencrypted live connection", MirroringConnectionsEncrypted.ID, x,
                    b -> b.connections.set(0, Rec.with(b.connections.get(0), "encryptionAlgorithm", 0)),
                    MirroringConnectionsEncrypted.ID));
            cases.add(of(x + ": leftover CONNECT grant", StaleEndpointTrust.ID, x, b -> {
                b.serverPrincipals.add(new io.mirrorguard.rules.model.ServerPrincipal("OLD_login", 400, "0A0B", "S",
                        "SQL_LOGIN", false, NOW, NOW, "master", null, false));
                b.serverPermissions.add(new ServerPermission(105, "ENDPOINT", Fleets.ENDPOINT_ID, 400, "OLD_login", 1,
                        "CO", "CONNECT", "G", "GRANT"));
            }, StaleEndpointTrust.ID));
            cases.add(of(x + ": endpoint certificate expired", EndpointCertificateValidity.ID, x,
                    b -> b.certificate(x + "_cert", c -> Rec.with(c, "expiryDate", NOW.minusSeconds(86_400))),
                    EndpointCertificateValidity.ID));
        }
        for (String l : names) {
            for (String r : names) {
                if (l.equals(r)) {
                    continue;
                }
                String pair = l + "<-" + r;
                cases.add(of(pair + ": peer certificate not installed", PeerCertificateInstalled.ID, l,
                        b -> b.certificates.removeIf(c -> c.name().equals(r + "_cert")), PeerCertificateInstalled.ID));
                cases.add(of(pair + ": peer certificate copy carries a private key",
                        PeerCertificatePrivateKeyAbsent.ID, l,
                        b -> b.certificate(r + "_cert", c -> Rec.with(c, "pvtKeyEncryptionType", "MK")),
                        PeerCertificatePrivateKeyAbsent.ID));
                cases.add(of(pair + ": peer login dropped", PeerCertificateOwnerMapped.ID, l,
                        b -> b.dropLogin(r + "_login"), PeerCertificateOwnerMapped.ID));
                cases.add(of(pair + ": CONNECT not granted", PeerLoginConnectGranted.ID, l,
                        b -> b.removePermissions(p -> p.classId() == 105 && p.granteeName().equals(r + "_login")),
                        PeerLoginConnectGranted.ID));
                cases.add(of(pair + ": peer certificate owned by dbo (authenticates as sa)",
                        PeerLoginLeastPrivilege.ID, l,
                        b -> b.certificate(r + "_cert", c -> Rec.with(c, "principalId", 1)),
                        PeerLoginLeastPrivilege.ID, StaleEndpointTrust.ID));
                cases.add(of(pair + ": peer login made sysadmin", PeerLoginLeastPrivilege.ID, l,
                        b -> b.serverRoleMembers.add(new RoleMembership(3, "sysadmin",
                                b.login(r + "_login").principalId(), r + "_login")), PeerLoginLeastPrivilege.ID));
                cases.add(of(pair + ": peer login granted CONTROL SERVER", PeerLoginLeastPrivilege.ID, l,
                        b -> b.serverPermissions.add(new ServerPermission(100, "SERVER", 0,
                                b.login(r + "_login").principalId(), r + "_login", 1, "CL", "CONTROL SERVER", "G",
                                "GRANT")), PeerLoginLeastPrivilege.ID));
                cases.add(of(pair + ": peer login granted VIEW SERVER STATE", PeerLoginLeastPrivilege.ID, l,
                        b -> b.serverPermissions.add(new ServerPermission(100, "SERVER", 0,
                                b.login(r + "_login").principalId(), r + "_login", 1, "VWSS", "VIEW SERVER STATE", "G",
                                "GRANT")), PeerLoginLeastPrivilege.ID));
            }
        }
        cases.add(of("LNX1: LNX3's address in its view matches no instance", PeerAddressResolved.ID, "LNX1",
                b -> b.availabilityReplicas.replaceAll(r -> r.replicaServerName().equals("LNX3")
                        ? Rec.with(r, "endpointUrl", "TCP://lnx9.corp.example:5022") : r), PeerAddressResolved.ID));
        cases.add(of("LNX1: sees LNX2 DISCONNECTED with the handshake error", ReplicaConnected.ID, "LNX1",
                b -> b.availabilityReplicas.replaceAll(r -> r.replicaServerName().equals("LNX2") ? disconnected(r) : r),
                ReplicaConnected.ID));
        cases.add(of("LNX3: its own replica DISCONNECTED", ReplicaConnected.ID, "LNX3",
                b -> b.availabilityReplicas.replaceAll(r -> r.replicaServerName().equals("LNX3") ? disconnected(r) : r),
                ReplicaConnected.ID));
        cases.add(new RuleFixtures("LNX2: no CREATE ANY DATABASE, seeding of Sales failed", AgSeedingPermitted.ID,
                "LNX2", AgRuleFixtures::seedingDenied, Set.of(AgSeedingPermitted.ID), Policy.defaults()));
        return cases;
    }

    static AvailabilityReplica disconnected(AvailabilityReplica r) {
        AvailabilityReplica d = Rec.with(Rec.with(r, "connectedState", 0), "connectedStateDesc", "DISCONNECTED");
        d = Rec.with(d, "lastConnectErrorNumber", 35206);
        d = Rec.with(d, "lastConnectErrorDescription", "A connection timeout has occurred on a previously"
                + " established connection to availability replica 'LNX2'");
        return Rec.with(d, "lastConnectErrorTimestamp", NOW.minusSeconds(300));
    }

    /** What SQL Server shows when LNX2 joined without GRANT CREATE ANY DATABASE: Sales never created there. */
    static void seedingDenied(FleetBuilder f) {
        f.instance("LNX2").availabilityDatabases.replaceAll(d -> Rec.with(Rec.with(d, "localDatabaseId", null),
                "localSynchronizationStateDesc", null));
        f.instance("LNX1").seedingOperations.replaceAll(s -> s.remoteReplicaId().equals(Fleets.replicaId(AG_ID, "LNX2"))
                ? new SeedingOperation(s.groupId(), s.groupDatabaseId(), s.remoteReplicaId(), true, "FAILED", 215,
                        "Seeding", 262, 1, s.startTime(), s.completionTime()) : s);
    }
}
