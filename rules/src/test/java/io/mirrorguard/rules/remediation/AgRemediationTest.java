package io.mirrorguard.rules.remediation;

import io.mirrorguard.rules.remediation.fixes.BuiltInFixes;
import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.rules.catalog.PeerCertificateInstalled;
import io.mirrorguard.rules.catalog.ReplicaEndpointUrlMatches;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.fixtures.FleetBuilder;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.fixtures.Rec;
import io.mirrorguard.rules.model.SeedingOperation;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Plans for AG findings: the inbound fixes apply to AG links, seeding gets its grant, the URL a reviewed step. */
class AgRemediationTest {

    private static final RuleEngine ENGINE = BuiltInRules.engine();
    private final RemediationPlanner planner = BuiltInFixes.planner();

    private RemediationPlan plan(FleetBuilder f) {
        AuditResult r = ENGINE.evaluate(f.build(), Policy.defaults());
        return planner.plan(r, PlanOptions.all());
    }

    @Test
    void missing_trust_on_an_ag_link_is_installed_and_granted_like_on_a_mirroring_link() {
        RemediationPlan p = plan(Fleets.correctAvailabilityGroup().with("LNX2", b -> {
            b.certificates.removeIf(c -> c.name().equals("LNX3_cert"));
            b.dropLogin("LNX3_login");
            b.masterPrincipals.removeIf(u -> u.name().equals("LNX3_user"));
        }));
        assertThat(p.actions()).anySatisfy(a -> {
            assertThat(a.ruleId()).isEqualTo(PeerCertificateInstalled.ID);
            assertThat(a.instance()).isEqualTo("LNX2");
            assertThat(a.peer()).isEqualTo("LNX3");
            assertThat(String.join("\n", a.sql())).contains("CREATE CERTIFICATE [LNX3_cert] AUTHORIZATION [LNX3_user]");
        });
        RemediationPlan grant = plan(Fleets.correctAvailabilityGroup().with("LNX3", b -> b.removePermissions(
                x -> x.classId() == 105 && x.granteeName().equals("LNX1_login"))));
        assertThat(grant.actions()).singleElement().satisfies(a -> assertThat(a.sql())
                .containsExactly("GRANT CONNECT ON ENDPOINT::[Endpoint_Mirroring] TO [LNX1_login];"));
    }

    @Test
    void failed_seeding_plans_the_grant_with_a_quoted_group_name() {
        String hostile = "ag]1'; DROP LOGIN sa; --";
        FleetBuilder f = Fleets.correctAvailabilityGroup();
        for (String x : Fleets.AG_REPLICAS) {
            f.instance(x).availabilityGroups.replaceAll(g -> Rec.with(g, "name", hostile));
        }
        UUID lnx2 = Fleets.replicaId(Fleets.AG_ID, "LNX2");
        f.instance("LNX2").availabilityDatabases.replaceAll(d -> Rec.with(d, "localDatabaseId", null));
        f.instance("LNX1").seedingOperations.replaceAll(s -> s.remoteReplicaId().equals(lnx2)
                ? new SeedingOperation(s.groupId(), s.groupDatabaseId(), lnx2, true, "FAILED", 215, "Seeding", 262, 1,
                        s.startTime(), s.completionTime()) : s);
        RemediationPlan p = plan(f);
        assertThat(p.actions()).singleElement().satisfies(a -> {
            assertThat(a.instance()).isEqualTo("LNX2");
            assertThat(a.risk()).isEqualTo(Risk.SAFE);
            assertThat(a.sql()).containsExactly("ALTER AVAILABILITY GROUP [ag]]1'; DROP LOGIN sa; --] GRANT CREATE ANY DATABASE;");
            assertThat(a.rollback()).containsExactly("ALTER AVAILABILITY GROUP [ag]]1'; DROP LOGIN sa; --] DENY CREATE ANY DATABASE;");
        });
    }

    @Test
    void a_wrong_endpoint_url_is_a_manual_step_on_the_primary_never_applied_automatically() {
        RemediationPlan p = plan(Fleets.correctAvailabilityGroup().with("LNX2", b -> b.availabilityReplicas
                .replaceAll(r -> r.replicaServerName().equals("LNX2")
                        ? Rec.with(r, "endpointUrl", "TCP://lnx2.corp.example:5999") : r)));
        assertThat(p.actions()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo(ReplicaEndpointUrlMatches.ID);
            assertThat(a.risk()).isEqualTo(Risk.MANUAL);
            assertThat(a.instance()).isEqualTo("LNX1");
            assertThat(a.sql()).containsExactly("ALTER AVAILABILITY GROUP [ag1] MODIFY REPLICA ON N'LNX2' WITH"
                    + " (ENDPOINT_URL = N'TCP://lnx2.corp.example:5022');");
            assertThat(a.rollback()).containsExactly("ALTER AVAILABILITY GROUP [ag1] MODIFY REPLICA ON N'LNX2' WITH"
                    + " (ENDPOINT_URL = N'TCP://lnx2.corp.example:5999');");
            assertThat(a.summary()).startsWith("REVIEW");
        });
    }
}
