package io.mirrorguard.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.DatabasePrincipal;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.model.Section;
import io.mirrorguard.rules.model.ServerPermission;
import io.mirrorguard.rules.model.ServerPrincipal;
import java.util.List;
import java.util.Map;

/**
 * What the audit login must read after the documented certificate procedure for SQLA, SQLB (partners) and SQLW
 * (witness) — the same on the simulator and on real SQL Server.
 */
public final class ProcedureExpectations {

    /** Logical instance name to its endpoint port in procedure-two-partners-witness.sql. */
    public static final Map<String, Integer> PORTS = Map.of("SQLA", 5022, "SQLB", 5023, "SQLW", 5024);

    private ProcedureExpectations() {}

    /**
     * @param facts               facts by logical name (SQLA, SQLB, SQLW)
     * @param mirroringSession    whether the Sales mirroring session could be set up (not on SQL Server on Linux)
     */
    public static void assertProcedure(Map<String, InstanceFacts> facts, boolean mirroringSession) {
        for (var e : facts.entrySet()) {
            assertInstance(e.getKey(), e.getValue(), facts);
        }
        if (mirroringSession) {
            var sales = facts.get("SQLA").mirroredDatabases().value().stream()
                    .filter(d -> "Sales".equalsIgnoreCase(d.databaseName())).findFirst();
            assertThat(sales).as("SQLA mirrors Sales").isPresent();
            assertThat(sales.get().role()).isEqualTo(1);
            assertThat(sales.get().partnerName()).isEqualToIgnoringCase("TCP://SQLB.corp.example:5023");
            assertThat(sales.get().witnessName()).isEqualToIgnoringCase("TCP://SQLW.corp.example:5024");
            // On the mirror only sysadmin sees non-NULL mirroring columns (documented): the audit login's view of
            // SQLB holds the RESTORING database Sales with every mirroring column NULL, kept to say so.
            assertThat(facts.get("SQLB").mirroredDatabases().value()).singleElement().satisfies(d -> {
                assertThat(d.databaseName()).isEqualToIgnoringCase("Sales");
                assertThat(d.columnsHidden()).isTrue();
            });
        }
    }

    private static void assertInstance(String name, InstanceFacts f, Map<String, InstanceFacts> all) {
        assertThat(f.collection().succeeded()).as(name + " collected: " + f.collection()).isTrue();
        assertThat(f.collection().roundTrips()).as(name + " round trips").isEqualTo(1);
        for (Section<?> s : List.of(f.identity(), f.masterKey(), f.certificates(), f.endpoints(),
                f.serverPrincipals(), f.masterPrincipals(), f.serverRoleMembers(), f.serverPermissions(),
                f.mirroredDatabases(), f.witnessRoles(), f.availabilityReplicas(), f.connections(),
                f.availabilityGroups(), f.availabilityDatabases(), f.seedingOperations())) {
            assertThat(s.status()).as(name + " section " + s.describeGap()).isEqualTo(io.mirrorguard.rules.model.SectionStatus.READ);
        }
        assertThat(f.identity().value().serverName()).isEqualToIgnoringCase(f.name());
        assertThat(f.identity().value().utcNow()).isNotNull();
        assertThat(f.masterKey().value().present()).as(name + " master key").isTrue();
        assertThat(f.masterKey().value().encryptedByServiceMasterKey()).isTrue();

        Certificate own = certificate(f, name + "_cert");
        assertThat(own.hasPrivateKey()).as(name + " own certificate has its private key").isTrue();
        assertThat(own.pvtKeyEncryptionType()).isEqualTo("MK");
        assertThat(own.pvtKeyLastBackupDate()).as(name + " private key backed up").isNotNull();
        assertThat(own.details()).as(name + " DER parsed").isNotNull();
        assertThat(own.details().keyBits()).isGreaterThanOrEqualTo(2048);
        assertThat(own.details().sha1Thumbprint()).isEqualTo(own.thumbprint());
        assertThat(own.details().notAfter()).isEqualTo(own.expiryDate());

        assertThat(f.endpoints().value()).hasSize(1);
        MirroringEndpoint ep = f.endpoints().value().get(0);
        assertThat(ep.name()).isEqualTo("Endpoint_Mirroring");
        assertThat(ep.started()).isTrue();
        assertThat(ep.connectionAuth()).isEqualTo(4);
        assertThat(ep.encryptionAlgorithm()).isEqualTo(2);
        assertThat(ep.certificateId()).isEqualTo(own.certificateId());
        assertThat(ep.port()).isEqualTo(PORTS.get(name));
        assertThat(ep.role()).isEqualTo("SQLW".equals(name) ? 2 : 3);

        for (String peer : all.keySet()) {
            if (peer.equals(name)) {
                continue;
            }
            Certificate peerCert = certificate(f, peer + "_cert");
            Certificate original = certificate(all.get(peer), peer + "_cert");
            assertThat(peerCert.hasPrivateKey()).as(name + " copy of " + peer + "_cert has no private key").isFalse();
            assertThat(peerCert.thumbprint()).as(name + " trusts " + peer + "'s certificate").isEqualTo(original.thumbprint());
            DatabasePrincipal owner = f.masterPrincipals().value().stream()
                    .filter(p -> peerCert.principalId() != null && p.principalId() == peerCert.principalId())
                    .findFirst().orElseThrow(() -> new AssertionError(name + ": owner of " + peer + "_cert not found"));
            assertThat(owner.name()).isEqualTo(peer + "_user");
            ServerPrincipal login = f.serverPrincipals().value().stream()
                    .filter(p -> p.name().equals(peer + "_login")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + ": " + peer + "_login not found"));
            assertThat(owner.sid()).as(peer + "_user maps to " + peer + "_login").isEqualTo(login.sid());
            List<ServerPermission> connect = f.serverPermissions().value().stream()
                    .filter(p -> p.classId() == ServerPermission.CLASS_ENDPOINT && p.majorId() == ep.endpointId()
                            && p.granteePrincipalId() == login.principalId() && "CO".equals(p.type()))
                    .toList();
            assertThat(connect).as(name + ": CONNECT for " + peer + "_login").singleElement()
                    .satisfies(p -> assertThat(p.granted()).isTrue());
        }
    }

    public static Certificate certificate(InstanceFacts f, String name) {
        return f.certificates().value().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(f.name() + ": no certificate " + name + " in "
                        + f.certificates().value().stream().map(Certificate::name).toList()));
    }
}
