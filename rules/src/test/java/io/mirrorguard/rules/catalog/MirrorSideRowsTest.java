package io.mirrorguard.rules.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.fixtures.FleetBuilder;
import io.mirrorguard.rules.fixtures.Fleets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A mirror database read by a login that is no sysadmin (issue 12 item 4): the rules say what is true (visible only
 * to sysadmin) and take the mirror's session from the principal's facts, never "no mirrored database".
 */
class MirrorSideRowsTest {

    private static FleetBuilder leastPrivilegeMirror() {
        FleetBuilder fleet = Fleets.correctTwoPartnersAndWitness();
        fleet.instance("SQLB").mirroredDatabases.clear();
        fleet.instance("SQLB").mirroredDatabases.add(Fleets.hiddenMirrorRow());
        return fleet;
    }

    @Test
    void the_mirror_session_is_taken_from_the_principal_and_nothing_fails() {
        AuditResult r = Audit.run(leastPrivilegeMirror());

        assertThat(r.findings()).noneMatch(f -> f.outcome() == Outcome.FAIL);
        assertThat(on(r, MirroringSessionHealthy.ID, "SQLB")).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
            assertThat(f.message()).contains("visible only to sysadmin", "judged on the principal SQLA");
        });
        assertThat(on(r, PeerAddressResolved.ID, "SQLB")).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
            assertThat(f.message()).contains("visible only to sysadmin", "checked on the principal SQLA");
        });
        assertThat(r.findings()).filteredOn(f -> "SQLB".equals(f.instance())).extracting(Finding::message)
                .noneMatch(m -> m.contains("no mirrored database") || m.contains("reports no partner"));
        assertThat(on(r, EndpointRoleFitsTopology.ID, "SQLB")).extracting(Finding::outcome)
                .containsOnly(Outcome.PASS);
    }

    @Test
    void when_neither_principal_nor_witness_is_read_the_mirror_session_is_unknown() {
        FleetBuilder fleet = leastPrivilegeMirror();
        fleet.instance("SQLA").unreachable();
        fleet.instance("SQLW").unreachable();

        AuditResult r = Audit.run(fleet);

        assertThat(on(r, MirroringSessionHealthy.ID, "SQLB")).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(f.message()).contains("visible only to sysadmin", "no audited principal");
        });
        assertThat(on(r, PeerAddressResolved.ID, "SQLB")).extracting(Finding::outcome).containsOnly(Outcome.ERROR);
        assertThat(r.findings()).filteredOn(f -> "SQLB".equals(f.instance()))
                .noneMatch(f -> f.outcome() == Outcome.FAIL);
    }

    private static List<Finding> on(AuditResult r, String rule, String instance) {
        return Audit.findings(r, rule).stream().filter(f -> instance.equals(f.instance())).toList();
    }
}
