package io.mirrorguard.rules.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.fixtures.FleetBuilder;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.model.SectionStatus;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A fact that could not be read gives ERROR, never PASS: per rule and section, and for an unreachable instance. */
class UnreadableFactsTest {

    static Stream<Arguments> needs() {
        return Stream.of(
                Arguments.of(MasterKeyPresent.ID, "SQLA", List.of("masterKey")),
                Arguments.of(MasterKeyProtectedByServiceKey.ID, "SQLA", List.of("masterKey")),
                Arguments.of(EndpointPresent.ID, "SQLA", List.of("endpoints")),
                Arguments.of(EndpointStarted.ID, "SQLA", List.of("endpoints")),
                Arguments.of(EndpointCertificateAuthentication.ID, "SQLA", List.of("endpoints")),
                Arguments.of(EndpointEncryptionRequired.ID, "SQLA", List.of("endpoints")),
                Arguments.of(EndpointEncryptionAesOnly.ID, "SQLA", List.of("endpoints")),
                Arguments.of(EndpointRoleFitsTopology.ID, "SQLW", List.of("endpoints")),
                Arguments.of(EndpointCertificatePresent.ID, "SQLA", List.of("endpoints", "certificates")),
                Arguments.of(EndpointCertificateKeyProtectedByMasterKey.ID, "SQLA", List.of("endpoints", "certificates")),
                Arguments.of(EndpointCertificateValidity.ID, "SQLA", List.of("endpoints", "certificates", "identity")),
                Arguments.of(EndpointCertificateExpiryHorizon.ID, "SQLA", List.of("endpoints", "certificates", "identity")),
                Arguments.of(EndpointCertificateStrength.ID, "SQLA", List.of("endpoints", "certificates")),
                Arguments.of(EndpointCertificateBackedUp.ID, "SQLA", List.of("endpoints", "certificates")),
                Arguments.of(EndpointConnectNotPublic.ID, "SQLA", List.of("endpoints", "serverPermissions")),
                Arguments.of(PeerCertificateInstalled.ID, "SQLA", List.of("certificates")),
                Arguments.of(PeerCertificateOwnerMapped.ID, "SQLA", List.of("certificates", "masterPrincipals", "serverPrincipals")),
                Arguments.of(PeerLoginConnectGranted.ID, "SQLA", List.of("certificates", "masterPrincipals",
                        "serverPrincipals", "serverPermissions", "serverRoleMembers", "endpoints")),
                Arguments.of(PeerCertificatePrivateKeyAbsent.ID, "SQLA", List.of("certificates")),
                Arguments.of(WitnessTrustBothWays.ID, "SQLW", List.of("certificates", "masterPrincipals",
                        "serverPrincipals", "serverPermissions", "serverRoleMembers", "endpoints")),
                Arguments.of(PartnerEncryptionCompatible.ID, "SQLA", List.of("endpoints")),
                Arguments.of(PeerAddressResolved.ID, "SQLA", List.of("mirroredDatabases", "witnessRoles", "availabilityReplicas")),
                Arguments.of(MirroringConnectionsEncrypted.ID, "SQLA", List.of("connections")),
                Arguments.of(MirroringSessionHealthy.ID, "SQLA", List.of("mirroredDatabases")),
                Arguments.of(StaleEndpointTrust.ID, "SQLA", List.of("endpoints", "serverPermissions", "serverPrincipals",
                        "serverRoleMembers", "certificates", "masterPrincipals")),
                Arguments.of(PeerLoginLeastPrivilege.ID, "SQLA", List.of("certificates", "masterPrincipals",
                        "serverPrincipals", "serverPermissions", "serverRoleMembers", "endpoints")),
                Arguments.of(ReplicaEndpointUrlMatches.ID, "LNX2", List.of("availabilityReplicas", "endpoints")),
                Arguments.of(ReplicaConnected.ID, "LNX1", List.of("availabilityReplicas")),
                Arguments.of(AgSeedingPermitted.ID, "LNX2", List.of("availabilityReplicas", "availabilityDatabases")));
    }

    @ParameterizedTest(name = "{0} on {1} without {2}")
    @MethodSource("needs")
    void an_unread_section_the_rule_needs_gives_error_not_pass(String rule, String instance, List<String> sections) {
        for (String section : sections) {
            for (SectionStatus status : List.of(SectionStatus.NOT_VISIBLE, SectionStatus.FAILED)) {
                FleetBuilder fleet = (instance.startsWith("LNX") ? Fleets.correctAvailabilityGroup()
                        : Fleets.correctTwoPartnersAndWitness()).with(instance, b -> b.unread(section, status));
                AuditResult r = Audit.run(fleet);
                List<Finding> about = Audit.findings(r, rule).stream()
                        .filter(f -> instance.equals(f.instance())
                                || rule.equals(PartnerEncryptionCompatible.ID) && instance.equals(f.peer()))
                        .toList();
                String what = rule + " with " + instance + "." + section + " " + status;
                assertThat(about).as(what).isNotEmpty();
                assertThat(about).as(what).noneMatch(f -> f.outcome() == Outcome.PASS);
                assertThat(about).as(what).anySatisfy(f -> {
                    assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
                    assertThat(f.message()).contains(status.name());
                });
            }
        }
    }

    @Test
    void the_table_covers_every_rule_but_instance_audited() {
        List<String> covered = needs().map(a -> (String) a.get()[0]).toList();
        List<String> all = Audit.ENGINE.descriptors().stream().map(RuleDescriptor::id)
                .filter(id -> !id.equals(InstanceAudited.ID)).toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void an_unreachable_instance_gives_errors_for_every_rule_and_no_pass() {
        AuditResult r = Audit.run(Fleets.correctTwoPartnersAndWitness().with("SQLB", b -> b.unreachable()));
        for (RuleDescriptor d : Audit.ENGINE.descriptors()) {
            List<Finding> about = Audit.findings(r, d.id()).stream()
                    .filter(f -> "SQLB".equals(f.instance())
                            || "SQLB".equals(f.peer()) && !d.id().equals(PeerAddressResolved.ID))
                    .toList();
            assertThat(about).as(d.id()).isNotEmpty();
            Outcome expected = d.id().equals(InstanceAudited.ID) ? Outcome.FAIL : Outcome.ERROR;
            assertThat(about).as(d.id()).allSatisfy(f -> assertThat(f.outcome()).isEqualTo(expected));
        }
        assertThat(r.trust()).filteredOn(t -> t.peer().equals("SQLB") || t.instance().equals("SQLB"))
                .hasSize(4).allSatisfy(t -> {
                    assertThat(t.complete()).isFalse();
                    assertThat(t.missing()).anyMatch(m -> m.contains("unknown"));
                });
        assertThat(r.instances()).filteredOn(s -> s.instance().equals("SQLB")).singleElement()
                .satisfies(s -> assertThat(s.audited()).isFalse());
    }

    @Test
    void a_certificate_without_parsed_der_is_an_error_for_strength() {
        AuditResult r = Audit.run(Fleets.correctTwoPartnersAndWitness()
                .with("SQLA", b -> b.certificate("SQLA_cert", c -> io.mirrorguard.rules.fixtures.Rec.with(c, "details", null))));
        assertThat(Audit.findings(r, EndpointCertificateStrength.ID)).filteredOn(f -> f.instance().equals("SQLA"))
                .singleElement().satisfies(f -> {
                    assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
                    assertThat(f.message()).contains("CERTENCODED");
                });
    }
}
