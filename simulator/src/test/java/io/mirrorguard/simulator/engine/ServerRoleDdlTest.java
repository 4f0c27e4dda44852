package io.mirrorguard.simulator.engine;

import static io.mirrorguard.simulator.engine.EngineTestSupport.firstError;
import static io.mirrorguard.simulator.engine.EngineTestSupport.ok;
import static io.mirrorguard.simulator.engine.EngineTestSupport.rows;
import static io.mirrorguard.simulator.engine.EngineTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.simulator.api.SqlSession;
import io.mirrorguard.simulator.engine.model.Endpoint;
import io.mirrorguard.simulator.engine.model.InstanceState;
import io.mirrorguard.simulator.engine.security.Permissions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User-defined server roles (CREATE/DROP SERVER ROLE) and endpoint CONNECT held through one. */
class ServerRoleDdlTest {

    @TempDir
    Path files;
    SimulatedInstance inst;
    SqlSession sa;

    @BeforeEach
    void setUp() {
        SimulatedFleet fleet = new SimulatedFleet(Instant.parse("2026-01-15T10:00:00Z"), files, "MirrorGuard!Sa1");
        inst = fleet.instance("SQLA");
        sa = EngineTestSupport.outboundSa(inst);
        ok(sa, "CREATE LOGIN SQLB_login WITH PASSWORD = 'Peer!Passw0rd1';");
    }

    private boolean mayConnect(String login) {
        InstanceState st = inst.state();
        Endpoint ep = st.mirroringEndpoint().orElseThrow();
        return Permissions.hasEndpoint(st, st.principal(login).orElseThrow().id, ep, "CO");
    }

    @Test
    void connectGrantedToAServerRoleReachesItsMembers() {
        ok(sa, "CREATE SERVER ROLE [mirroring_peers];");
        assertThat(rows(ok(sa, "SELECT type, type_desc, is_fixed_role FROM sys.server_principals"
                + " WHERE name = 'mirroring_peers'")).rows())
                .containsExactly(List.of("R", "SERVER_ROLE", false));
        ok(sa, "GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [mirroring_peers];");
        assertThat(mayConnect("SQLB_login")).isFalse();
        ok(sa, "ALTER SERVER ROLE mirroring_peers ADD MEMBER SQLB_login;");
        assertThat(mayConnect("SQLB_login")).isTrue();
    }

    @Test
    void duplicateNamesAndDroppingARoleWithMembersAreErrors() {
        ok(sa, "create server role mirroring_peers authorization sa");
        assertThat(firstError(run(sa, "CREATE SERVER ROLE mirroring_peers;")).number()).isEqualTo(15025);
        ok(sa, "ALTER SERVER ROLE mirroring_peers ADD MEMBER SQLB_login;");
        assertThat(firstError(run(sa, "DROP SERVER ROLE mirroring_peers;")).number()).isEqualTo(15144);
        ok(sa, "ALTER SERVER ROLE mirroring_peers DROP MEMBER SQLB_login;");
        ok(sa, "DROP SERVER ROLE mirroring_peers;");
        assertThat(rows(ok(sa, "SELECT name FROM sys.server_principals WHERE name = 'mirroring_peers'")).rows())
                .isEmpty();
        assertThat(firstError(run(sa, "DROP SERVER ROLE sysadmin;")).number()).isNotZero();
    }
}
