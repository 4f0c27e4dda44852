package io.mirrorguard.rules.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.model.LinkRole;
import io.mirrorguard.rules.topology.Link;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AG fleets built by the documented certificate steps: nothing fails, and the AG rules say why they PASS. */
class CorrectAvailabilityGroupTest {

    @Test
    void the_documented_ag_procedure_yields_no_fail_and_no_error() {
        AuditResult r = Audit.run(Fleets.correctAvailabilityGroup());
        assertThat(r.findings()).filteredOn(f -> f.outcome() == Outcome.FAIL || f.outcome() == Outcome.ERROR).isEmpty();
        assertThat(r.links()).hasSize(3).allSatisfy(l -> assertThat(l.role()).isEqualTo(LinkRole.REPLICA));
        assertThat(r.trust()).hasSize(6).allSatisfy(t -> assertThat(t.complete()).isTrue());
        for (String id : List.of(ReplicaEndpointUrlMatches.ID, ReplicaConnected.ID, AgSeedingPermitted.ID,
                PeerLoginLeastPrivilege.ID, PeerLoginConnectGranted.ID, PartnerEncryptionCompatible.ID,
                EndpointRoleFitsTopology.ID, StaleEndpointTrust.ID)) {
            assertThat(Audit.findings(r, id, Outcome.PASS)).as(id).isNotEmpty();
        }
        // the primary's seeding permission is only exercised after a failover: not PASS, not FAIL
        assertThat(Audit.findings(r, AgSeedingPermitted.ID)).filteredOn(f -> f.instance().equals("LNX1"))
                .singleElement().satisfies(f -> assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE));
    }

    @Test
    void a_distributed_ag_applies_the_trust_rules_to_the_primary_forwarder_link() {
        AuditResult r = Audit.run(Fleets.correctDistributedAvailabilityGroup());
        assertThat(r.findings()).filteredOn(f -> f.outcome() == Outcome.FAIL || f.outcome() == Outcome.ERROR).isEmpty();
        assertThat(r.links()).extracting(Link::a, Link::b).contains(org.assertj.core.groups.Tuple.tuple("SQLP1", "SQLQ1"));
        for (String id : List.of(PeerCertificateInstalled.ID, PeerLoginConnectGranted.ID, PeerLoginLeastPrivilege.ID,
                PartnerEncryptionCompatible.ID)) {
            assertThat(Audit.findings(r, id)).as(id).anySatisfy(f -> {
                assertThat(java.util.Set.of(f.instance(), String.valueOf(f.peer()))).containsExactlyInAnyOrder("SQLQ1",
                        "SQLP1");
                assertThat(f.outcome()).isEqualTo(Outcome.PASS);
            });
        }
    }

    @Test
    void the_forwarder_missing_the_global_primary_certificate_fails_on_the_distributed_link() {
        AuditResult r = Audit.run(Fleets.correctDistributedAvailabilityGroup()
                .with("SQLQ1", b -> b.certificates.removeIf(c -> c.name().equals("SQLP1_cert"))));
        assertThat(Audit.findings(r, PeerCertificateInstalled.ID, Outcome.FAIL)).singleElement()
                .satisfies(f -> assertThat(f.subject()).isEqualTo("SQLQ1<-SQLP1"));
    }

    @Test
    void ag_rule_outcomes_without_evidence_are_not_applicable_or_error_never_pass() {
        // MANUAL seeding: nothing is created by seeding
        AuditResult manual = Audit.run(Fleets.correctAvailabilityGroup().with("LNX2", b -> b.availabilityReplicas
                .replaceAll(x -> io.mirrorguard.rules.fixtures.Rec.with(io.mirrorguard.rules.fixtures.Rec.with(x,
                        "seedingMode", 1), "seedingModeDesc", "MANUAL"))));
        assertThat(Audit.findings(manual, AgSeedingPermitted.ID)).filteredOn(f -> f.instance().equals("LNX2"))
                .singleElement().satisfies(f -> assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE));
        // no database yet: the grant is not observable
        AuditResult empty = Audit.run(Fleets.correctAvailabilityGroup().with("LNX2", b -> b.availabilityDatabases.clear()));
        assertThat(Audit.findings(empty, AgSeedingPermitted.ID)).filteredOn(f -> f.instance().equals("LNX2"))
                .singleElement().satisfies(f -> {
                    assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
                    assertThat(f.message()).contains("not observable until a database is seeded");
                });
        // database missing but the seeding view unread on the primary: unknown
        AuditResult unread = Audit.run(Fleets.correctAvailabilityGroup()
                .with("LNX2", b -> b.availabilityDatabases.replaceAll(d -> io.mirrorguard.rules.fixtures.Rec.with(d,
                        "localDatabaseId", null)))
                .with("LNX1", b -> b.unread("seedingOperations", io.mirrorguard.rules.model.SectionStatus.NOT_VISIBLE)));
        assertThat(Audit.findings(unread, AgSeedingPermitted.ID)).filteredOn(f -> f.instance().equals("LNX2"))
                .singleElement().satisfies(f -> assertThat(f.outcome()).isEqualTo(Outcome.ERROR));
        // no replica state visible (no VIEW SERVER STATE): connected is unknown
        AuditResult noState = Audit.run(Fleets.correctAvailabilityGroup().with("LNX3", b -> b.availabilityReplicas
                .replaceAll(x -> io.mirrorguard.rules.fixtures.Rec.with(io.mirrorguard.rules.fixtures.Rec.with(
                        io.mirrorguard.rules.fixtures.Rec.with(io.mirrorguard.rules.fixtures.Rec.with(x, "connectedState",
                                null), "connectedStateDesc", null), "local", null), "roleDesc", null))));
        List<Finding> connected = Audit.findings(noState, ReplicaConnected.ID).stream()
                .filter(f -> f.instance().equals("LNX3")).toList();
        assertThat(connected).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(f.message()).contains("VIEW SERVER STATE");
        });
        // the URL rule still finds LNX3's own row by @@SERVERNAME
        assertThat(Audit.findings(noState, ReplicaEndpointUrlMatches.ID)).filteredOn(f -> f.instance().equals("LNX3"))
                .singleElement().satisfies(f -> assertThat(f.outcome()).isEqualTo(Outcome.PASS));
        // the mirroring fleet: no replica anywhere
        AuditResult mirroring = Audit.run(Fleets.correctTwoPartnersAndWitness());
        for (String id : List.of(ReplicaEndpointUrlMatches.ID, ReplicaConnected.ID, AgSeedingPermitted.ID)) {
            assertThat(Audit.findings(mirroring, id)).as(id).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE));
        }
    }

    @Test
    void an_unreachable_replica_gives_errors_and_no_pass_about_it() {
        AuditResult r = Audit.run(Fleets.correctAvailabilityGroup().with("LNX2", b -> b.unreachable()));
        for (var d : Audit.ENGINE.descriptors()) {
            List<Finding> about = Audit.findings(r, d.id()).stream()
                    .filter(f -> "LNX2".equals(f.instance())
                            || "LNX2".equals(f.peer()) && !d.id().equals(PeerAddressResolved.ID))
                    .toList();
            assertThat(about).as(d.id()).noneMatch(f -> f.outcome() == Outcome.PASS);
        }
        for (String id : List.of(ReplicaEndpointUrlMatches.ID, ReplicaConnected.ID, AgSeedingPermitted.ID,
                PeerLoginLeastPrivilege.ID)) {
            assertThat(Audit.findings(r, id)).as(id).filteredOn(f -> "LNX2".equals(f.instance()))
                    .isNotEmpty().allSatisfy(f -> assertThat(f.outcome()).isEqualTo(Outcome.ERROR));
        }
    }
}
