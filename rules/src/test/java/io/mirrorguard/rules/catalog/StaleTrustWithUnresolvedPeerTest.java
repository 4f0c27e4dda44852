package io.mirrorguard.rules.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.fixtures.FleetBuilder;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.fixtures.Rec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When a partner address of an instance matches no audited instance (the peer is not configured, not selected, or
 * its address is wrong), the logins and certificates that trust that peer cannot be told from leftovers: they are
 * ERROR for stale-endpoint-trust, never FAIL, and the unresolved address is the one FAIL (peer-address-resolved).
 */
class StaleTrustWithUnresolvedPeerTest {

    private static List<Finding> findings(AuditResult r, String rule, String instance, Outcome outcome) {
        return Audit.findings(r, rule, outcome).stream().filter(f -> f.instance().equals(instance)).toList();
    }

    @Test
    void trust_for_a_partner_whose_address_is_unresolved_is_not_called_stale() {
        FleetBuilder fleet = Fleets.correctTwoPartnersAndWitness();
        fleet.instance("SQLA").mirroredDatabases.replaceAll(d ->
                Rec.with(d, "partnerName", "TCP://sqlx.corp.example:5022"));
        AuditResult r = Audit.run(fleet);

        assertThat(findings(r, PeerAddressResolved.ID, "SQLA", Outcome.FAIL)).isNotEmpty();
        assertThat(findings(r, StaleEndpointTrust.ID, "SQLA", Outcome.FAIL)).isEmpty();
    }

    @Test
    void trust_for_a_partner_left_out_of_the_audit_is_an_error_not_a_leftover() {
        FleetBuilder fleet = Fleets.correctTwoPartnersAndWitness().without("SQLB");
        AuditResult r = Audit.run(fleet);

        assertThat(findings(r, PeerAddressResolved.ID, "SQLA", Outcome.FAIL)).isNotEmpty();
        assertThat(findings(r, StaleEndpointTrust.ID, "SQLA", Outcome.FAIL)).isEmpty();
        assertThat(findings(r, StaleEndpointTrust.ID, "SQLW", Outcome.FAIL)).isEmpty();
        assertThat(findings(r, StaleEndpointTrust.ID, "SQLA", Outcome.ERROR))
                .anySatisfy(f -> assertThat(f.message()).contains("SQLB_login", "sqlb"));
        assertThat(findings(r, StaleEndpointTrust.ID, "SQLA", Outcome.PASS))
                .anySatisfy(f -> assertThat(f.message()).contains("SQLW_login"));
    }
}
