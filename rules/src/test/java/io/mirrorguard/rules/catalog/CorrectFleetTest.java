package io.mirrorguard.rules.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.model.LinkRole;
import io.mirrorguard.rules.topology.Link;
import org.junit.jupiter.api.Test;

class CorrectFleetTest {

    private final AuditResult result = Audit.run(Fleets.correctTwoPartnersAndWitness());

    @Test
    void the_documented_procedure_yields_no_fail_and_no_error() {
        assertThat(result.findings()).filteredOn(f -> f.outcome() == Outcome.FAIL || f.outcome() == Outcome.ERROR)
                .isEmpty();
    }

    @Test
    void every_rule_reports_a_pass_on_the_correct_fleet() {
        // the availability-group rules have nothing to judge here; CorrectAvailabilityGroupTest shows their PASS
        java.util.Set<String> agOnly = java.util.Set.of(ReplicaEndpointUrlMatches.ID, ReplicaConnected.ID,
                AgSeedingPermitted.ID);
        for (RuleDescriptor d : Audit.ENGINE.descriptors()) {
            if (agOnly.contains(d.id())) {
                assertThat(Audit.findings(result, d.id())).as(d.id())
                        .allSatisfy(f -> assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE));
            } else {
                assertThat(Audit.findings(result, d.id(), Outcome.PASS)).as(d.id()).isNotEmpty();
            }
        }
    }

    @Test
    void links_are_the_session_partners_and_both_witness_links_each_once() {
        assertThat(result.links()).extracting(Link::a, Link::b, Link::role).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("SQLA", "SQLB", LinkRole.PARTNER),
                org.assertj.core.groups.Tuple.tuple("SQLW", "SQLA", LinkRole.WITNESS),
                org.assertj.core.groups.Tuple.tuple("SQLW", "SQLB", LinkRole.WITNESS));
        Link partners = result.links().stream().filter(l -> l.role() == LinkRole.PARTNER).findFirst().orElseThrow();
        assertThat(partners.sources()).contains("sys.database_mirroring@SQLA", "sys.database_mirroring@SQLB",
                "sys.database_mirroring_witnesses@SQLW");
    }

    @Test
    void trust_is_complete_in_all_six_directions() {
        assertThat(result.trust()).hasSize(6).allSatisfy(t -> {
            assertThat(t.complete()).as(t.instance() + "<-" + t.peer()).isTrue();
            assertThat(t.missing()).isEmpty();
        });
    }

    @Test
    void trust_findings_name_the_trusting_side_as_instance_and_the_other_as_peer() {
        assertThat(Audit.findings(result, PeerLoginConnectGranted.ID))
                .anySatisfy(f -> {
                    assertThat(f.instance()).isEqualTo("SQLA");
                    assertThat(f.peer()).isEqualTo("SQLW");
                    assertThat(f.subject()).isEqualTo("SQLA<-SQLW");
                    assertThat(f.evidence().observed()).contains("CONNECT granted to [SQLW_login]");
                });
    }

    @Test
    void summaries_count_outcomes_per_instance() {
        assertThat(result.instances()).hasSize(3).allSatisfy(s -> {
            assertThat(s.audited()).isTrue();
            assertThat(s.failures()).isEmpty();
            assertThat(s.outcomes().get(Outcome.PASS)).isPositive();
        });
    }
}
