package io.mirrorguard.rules.catalog;

import static io.mirrorguard.rules.fixtures.Fleets.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.fixtures.FleetBuilder;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.fixtures.InstanceBuilder;
import io.mirrorguard.rules.model.RoleMembership;
import io.mirrorguard.rules.model.ServerPermission;
import io.mirrorguard.rules.model.ServerPrincipal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CONNECT on the endpoint held through a user-defined server role (CREATE SERVER ROLE, ALTER SERVER ROLE ... ADD
 * MEMBER, GRANT CONNECT ON ENDPOINT TO the role) instead of granted to each peer login: SQL Server checks the login's
 * effective permission, so the peers' trust holds, and the role is judged by its members, not as a login.
 */
class ConnectThroughServerRoleTest {

    private static final int ROLE_ID = 500;

    /** On SQLB: the peers' logins get CONNECT only through role [mirroring_peers], whose members are given. */
    private static FleetBuilder fleetWithRole(String... members) {
        FleetBuilder fleet = Fleets.correctTwoPartnersAndWitness();
        InstanceBuilder b = fleet.instance("SQLB");
        b.removePermissions(p -> p.classId() == ServerPermission.CLASS_ENDPOINT && p.granteeName().endsWith("_login"));
        b.serverPrincipals.add(new ServerPrincipal("mirroring_peers", ROLE_ID, "0D0E0F", "R", "SERVER_ROLE", false,
                NOW, NOW, null, null, false));
        for (String m : members) {
            if (b.serverPrincipals.stream().noneMatch(p -> p.name().equals(m))) {
                b.serverPrincipals.add(new ServerPrincipal(m, 401, "0A0B0C", "S", "SQL_LOGIN", false, NOW, NOW,
                        "master", null, false));
            }
            b.serverRoleMembers.add(new RoleMembership(ROLE_ID, "mirroring_peers", b.login(m).principalId(), m));
        }
        b.serverPermissions.add(new ServerPermission(ServerPermission.CLASS_ENDPOINT, "ENDPOINT", Fleets.ENDPOINT_ID,
                ROLE_ID, "mirroring_peers", 1, "CO", "CONNECT", "G", "GRANT"));
        return fleet;
    }

    private static List<Finding> stale(AuditResult r, Outcome outcome) {
        return Audit.findings(r, StaleEndpointTrust.ID, outcome).stream()
                .filter(f -> f.instance().equals("SQLB")).toList();
    }

    @Test
    void a_role_whose_members_are_the_current_peers_is_no_leftover() {
        AuditResult r = Audit.run(fleetWithRole("SQLA_login", "SQLW_login"));
        assertThat(Audit.failingRules(r)).isEmpty();
        assertThat(Audit.findings(r, PeerLoginConnectGranted.ID, Outcome.PASS))
                .anySatisfy(f -> assertThat(f.message()).contains("mirroring_peers"));
        assertThat(stale(r, Outcome.PASS)).anySatisfy(f -> assertThat(f.subject()).endsWith("/connect/mirroring_peers"));
    }

    @Test
    void a_role_that_also_holds_a_login_of_no_current_peer_is_a_leftover_naming_that_login() {
        AuditResult r = Audit.run(fleetWithRole("SQLA_login", "SQLW_login", "OLD_login"));
        assertThat(Audit.failingRules(r)).containsExactly(StaleEndpointTrust.ID);
        assertThat(stale(r, Outcome.FAIL)).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("mirroring_peers", "OLD_login").doesNotContain("SQLA_login");
            assertThat(f.evidence().observed()).contains("OLD_login");
        });
    }

    @Test
    void an_empty_role_holding_connect_opens_nothing_yet() {
        FleetBuilder fleet = Fleets.correctTwoPartnersAndWitness();
        InstanceBuilder b = fleet.instance("SQLB");
        b.serverPrincipals.add(new ServerPrincipal("mirroring_peers", ROLE_ID, "0D0E0F", "R", "SERVER_ROLE", false,
                NOW, NOW, null, null, false));
        b.serverPermissions.add(new ServerPermission(ServerPermission.CLASS_ENDPOINT, "ENDPOINT", Fleets.ENDPOINT_ID,
                ROLE_ID, "mirroring_peers", 1, "CO", "CONNECT", "G", "GRANT"));
        AuditResult r = Audit.run(fleet);
        assertThat(Audit.failingRules(r)).isEmpty();
    }
}
