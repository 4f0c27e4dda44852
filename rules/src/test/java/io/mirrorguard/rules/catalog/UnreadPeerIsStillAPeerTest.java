package io.mirrorguard.rules.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.FleetScope;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.fixtures.FleetBuilder;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.model.Target;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * An unread or uncollected peer is still a peer (issue 14 item 2, issue 12 item 1): no rule calls trust stale, or an
 * address wrong, because the peer's facts are missing.
 */
class UnreadPeerIsStillAPeerTest {

    /** A least-privilege login sees no mirroring columns on a mirror: SQLB's own facts name no partner. */
    private static FleetBuilder mirrorSeenWithoutSysadmin() {
        FleetBuilder fleet = Fleets.correctTwoPartnersAndWitness();
        fleet.instance("SQLB").mirroredDatabases.clear();
        return fleet;
    }

    @Test
    void principal_and_witness_unread_give_the_mirror_no_stale_trust_fail() {
        FleetBuilder fleet = mirrorSeenWithoutSysadmin();
        fleet.instance("SQLA").unreachable();
        fleet.instance("SQLW").unreachable();

        AuditResult r = Audit.run(fleet);

        assertThat(on(r, StaleEndpointTrust.ID, "SQLB", Outcome.FAIL)).isEmpty();
        assertThat(on(r, StaleEndpointTrust.ID, "SQLB", Outcome.ERROR))
                .anySatisfy(f -> assertThat(f.message()).contains("SQLA_login", "SQLA (could not be audited"));
    }

    @Test
    void one_peer_unread_gives_no_stale_trust_fail_either() {
        FleetBuilder fleet = mirrorSeenWithoutSysadmin();
        fleet.instance("SQLA").unreachable();

        assertThat(on(Audit.run(fleet), StaleEndpointTrust.ID, "SQLB", Outcome.FAIL)).isEmpty();
    }

    @Test
    void auditing_one_instance_invents_no_fail_that_the_full_fleet_audit_has_not() {
        for (FleetBuilder full : List.of(Fleets.correctTwoPartnersAndWitness(), mirrorSeenWithoutSysadmin())) {
            Set<String> fullFails = failKeys(Audit.run(full), "SQLB");
            FleetBuilder onlyB = full.without("SQLA").without("SQLW");
            FleetScope scope = new FleetScope(List.of(uncollected("SQLA"), uncollected("SQLW")));

            AuditResult partial = Audit.ENGINE.evaluate(onlyB.build(), Policy.defaults(), Fleets.NOW, scope);

            assertThat(failKeys(partial, "SQLB")).isSubsetOf(fullFails);
            assertThat(on(partial, StaleEndpointTrust.ID, "SQLB", Outcome.ERROR))
                    .anySatisfy(f -> assertThat(f.message()).contains("not selected by --instance"));
        }
    }

    @Test
    void an_address_of_an_uncollected_instance_is_unchecked_not_wrong() {
        FleetBuilder onlyB = Fleets.correctTwoPartnersAndWitness().without("SQLA").without("SQLW");
        FleetScope scope = new FleetScope(List.of(uncollected("SQLA"), uncollected("SQLW")));

        AuditResult partial = Audit.ENGINE.evaluate(onlyB.build(), Policy.defaults(), Fleets.NOW, scope);

        assertThat(on(partial, PeerAddressResolved.ID, "SQLB", Outcome.FAIL)).isEmpty();
        assertThat(on(partial, PeerAddressResolved.ID, "SQLB", Outcome.ERROR))
                .anySatisfy(f -> assertThat(f.message()).contains("sqla.corp.example", "SQLA (not collected"));
    }

    @Test
    void a_fleet_mostly_not_collected_yet_is_named_in_brief_and_counted() {
        FleetBuilder onlyB = Fleets.correctTwoPartnersAndWitness().without("SQLA").without("SQLW");
        List<FleetScope.Uncollected> starting = new java.util.ArrayList<>(List.of(uncollected("SQLA"), uncollected("SQLW")));
        for (int i = 1; i <= 3000; i++) {
            starting.add(uncollected("S" + i));
        }
        FleetScope scope = new FleetScope(starting);

        AuditResult partial = Audit.ENGINE.evaluate(onlyB.build(), Policy.defaults(), Fleets.NOW, scope);

        // still unchecked rather than stale, and still resolved against the uncollected partner
        assertThat(on(partial, StaleEndpointTrust.ID, "SQLB", Outcome.FAIL)).isEmpty();
        assertThat(on(partial, StaleEndpointTrust.ID, "SQLB", Outcome.ERROR)).isNotEmpty().allSatisfy(f -> {
            assertThat(f.message()).contains("SQLA (not collected", "and 2,999 more]").doesNotContain("S3000");
            assertThat(f.message().length()).isLessThan(1000);
        });
        assertThat(on(partial, PeerAddressResolved.ID, "SQLB", Outcome.ERROR))
                .anySatisfy(f -> assertThat(f.message()).contains("SQLA (not collected"));
    }

    private static FleetScope.Uncollected uncollected(String name) {
        return new FleetScope.Uncollected(new Target(name, name.toLowerCase() + ".corp.example", 1433, List.of(),
                null), "not selected by --instance");
    }

    private static Set<String> failKeys(AuditResult r, String instance) {
        Set<String> keys = new TreeSet<>();
        r.findings().stream().filter(f -> f.outcome() == Outcome.FAIL && instance.equals(f.instance()))
                .forEach(f -> keys.add(f.ruleId() + " " + f.subject()));
        return keys;
    }

    private static List<Finding> on(AuditResult r, String rule, String instance, Outcome outcome) {
        return Audit.findings(r, rule, outcome).stream().filter(f -> instance.equals(f.instance())).toList();
    }
}
