package io.mirrorguard.rules.remediation.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.remediation.FixContext;
import io.mirrorguard.rules.remediation.PlanOptions;
import io.mirrorguard.rules.remediation.Risk;
import io.mirrorguard.rules.remediation.TinyFleet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RotationWorkflowTest {

    private final RotationWorkflow workflow = new RotationWorkflow();
    private final RotationRequest req = new RotationRequest("A", "A_cert_2027", "A endpoint 2027",
            Instant.parse("2026-11-26T00:00:00Z"), Instant.parse("2027-11-26T00:00:00Z"));
    private static final Map<String, Set<String>> PEERS = Map.of("A", Set.of("B"), "B", Set.of("A"));

    private RotationStep step(TinyFleet a, TinyFleet b) {
        var snap = TinyFleet.snapshot(a, b);
        return workflow.next(new FixContext(snap, PEERS, List.of(), PlanOptions.all()), req);
    }

    @Test
    void walks_every_stage_from_facts_alone_and_resumes_anywhere() {
        var a = new TinyFleet("A");
        var b = new TinyFleet("B").trusts(a, true);
        a.trusts(b, true);

        RotationStep s1 = step(a, b);
        assertThat(s1.stage()).isEqualTo(RotationStage.CREATE_CERTIFICATE);
        assertThat(s1.actions().get(0).sql().get(0)).isEqualTo(
                "CREATE CERTIFICATE [A_cert_2027] WITH SUBJECT = N'A endpoint 2027', "
                        + "START_DATE = '2026-11-26T00:00:00', EXPIRY_DATE = '2027-11-26T00:00:00';");
        // asking again without change gives the same step: a crash before the create is harmless
        assertThat(step(a, b).actions()).isEqualTo(s1.actions());

        a.certs.add(TinyFleet.cert("A_cert_2027", 257, 1, "MK", TinyFleet.thumb("A2027")));
        RotationStep s2 = step(a, b);
        assertThat(s2.stage()).isEqualTo(RotationStage.INSTALL_ON_PEERS);
        assertThat(s2.actions()).singleElement().satisfies(act -> {
            assertThat(act.instance()).isEqualTo("B");
            assertThat(act.sql().get(0)).startsWith("CREATE CERTIFICATE [A_cert_2027] AUTHORIZATION [A_user] FROM BINARY = 0x");
        });

        int ownerOnB = b.certs.stream().filter(c -> c.name().equals("A_cert")).findFirst().orElseThrow().principalId();
        b.certs.add(TinyFleet.cert("A_cert_2027", 400, ownerOnB, "NA", TinyFleet.thumb("A2027")));
        RotationStep s3 = step(a, b);
        assertThat(s3.stage()).isEqualTo(RotationStage.SWITCH_ENDPOINT);
        assertThat(s3.actions().get(0).risk()).isEqualTo(Risk.DISRUPTIVE);
        assertThat(s3.actions().get(0).sql()).containsExactly(
                "ALTER ENDPOINT [Endpoint_Mirroring] FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE [A_cert_2027]);");
        assertThat(s3.actions().get(0).rollback().get(0)).contains("CERTIFICATE [A_cert]");

        a.endpointCertificateId = 257;
        RotationStep s4 = step(a, b);
        assertThat(s4.stage()).isEqualTo(RotationStage.REMOVE_OLD);
        assertThat(s4.actions()).singleElement().satisfies(act -> {
            assertThat(act.instance()).isEqualTo("B");
            assertThat(act.sql()).containsExactly("DROP CERTIFICATE [A_cert];");
        });

        b.certs.removeIf(c -> c.name().equals("A_cert"));
        assertThat(step(a, b).stage()).isEqualTo(RotationStage.DONE);
    }

    @Test
    void blocks_when_a_peer_does_not_trust_the_current_certificate() {
        var a = new TinyFleet("A");
        var b = new TinyFleet("B");
        a.certs.add(TinyFleet.cert("A_cert_2027", 257, 1, "MK", TinyFleet.thumb("A2027")));
        RotationStep s = step(a, b);
        assertThat(s.stage()).isEqualTo(RotationStage.BLOCKED);
        assertThat(s.explanation()).contains("peer B");
    }

    @Test
    void keeps_a_windows_fallback_in_the_same_order() {
        var auth = io.mirrorguard.rules.model.EndpointAuthentication.fromCode(7);
        assertThat(RotationWorkflow.authenticationClause(auth, "c]"))
                .isEqualTo("WINDOWS NEGOTIATE CERTIFICATE [c]]]");
        assertThat(RotationWorkflow.authenticationClause(io.mirrorguard.rules.model.EndpointAuthentication.fromCode(9), "c"))
                .isEqualTo("CERTIFICATE [c] WINDOWS KERBEROS");
    }

    /**
     * SQL Server shows a mirror database's mirroring columns only to sysadmin: the mirror's switch is verified
     * through the principal's row of the same session, and a disconnected session still holds the rotation.
     */
    @Test
    void verifies_a_mirror_whose_columns_are_hidden_through_the_principal_row() {
        var a = new TinyFleet("A");
        var b = new TinyFleet("B").trusts(a, true);
        a.trusts(b, true);
        a.certs.add(TinyFleet.cert("A_cert_2027", 257, 1, "MK", TinyFleet.thumb("A2027")));
        int ownerOnB = b.certs.stream().filter(c -> c.name().equals("A_cert")).findFirst().orElseThrow().principalId();
        b.certs.add(TinyFleet.cert("A_cert_2027", 400, ownerOnB, "NA", TinyFleet.thumb("A2027")));
        a.endpointCertificateId = 257;
        a.databases.add(hidden("Sales"));

        assertThat(step(a, b).stage()).as("no peer says it is principal").isEqualTo(RotationStage.VERIFY_SESSIONS);
        assertThat(step(a, b).explanation()).contains("visible only to sysadmin");

        b.databases.add(principal("Sales", 4, "SYNCHRONIZED", "A"));
        assertThat(step(a, b).stage()).isEqualTo(RotationStage.REMOVE_OLD);

        b.databases.set(0, principal("Sales", 1, "DISCONNECTED", "A"));
        RotationStep held = step(a, b);
        assertThat(held.stage()).isEqualTo(RotationStage.VERIFY_SESSIONS);
        assertThat(held.explanation()).contains("DISCONNECTED");
    }

    private static io.mirrorguard.rules.model.MirroredDatabase hidden(String name) {
        return new io.mirrorguard.rules.model.MirroredDatabase(5, name, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    private static io.mirrorguard.rules.model.MirroredDatabase principal(String name, int state, String desc,
                                                                         String mirror) {
        return new io.mirrorguard.rules.model.MirroredDatabase(5, name, java.util.UUID.randomUUID(), state, desc, 1,
                "PRINCIPAL", 2, "FULL", "TCP://" + mirror + ":5022", mirror, null, 0, "UNKNOWN", 10);
    }
}
