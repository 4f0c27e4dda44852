package io.mirrorguard.rules.remediation;

import io.mirrorguard.rules.remediation.fixes.BuiltInFixes;
import io.mirrorguard.rules.catalog.EndpointCertificateBackedUp;
import io.mirrorguard.rules.catalog.EndpointEncryptionAesOnly;
import io.mirrorguard.rules.catalog.EndpointEncryptionRequired;
import io.mirrorguard.rules.catalog.EndpointStarted;
import io.mirrorguard.rules.catalog.MasterKeyProtectedByServiceKey;
import io.mirrorguard.rules.catalog.PeerCertificateInstalled;
import io.mirrorguard.rules.catalog.PeerLoginConnectGranted;
import io.mirrorguard.rules.catalog.StaleEndpointTrust;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.engine.AppliedWaiver;
import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RemediationPlannerTest {

    private final RemediationPlanner planner = BuiltInFixes.planner();
    private static final Map<String, Set<String>> AB = Map.of("A", Set.of("B"), "B", Set.of("A"));

    static Finding fail(String rule, String instance, String peer) {
        return new Finding(rule, instance, peer, instance + (peer == null ? "" : "<-" + peer), Outcome.FAIL,
                Severity.HIGH, "m", Evidence.of("o", "e"), null);
    }

    @Test
    void grants_connect_to_the_login_mapped_to_the_peer_certificate() {
        var a = new TinyFleet("A").trusts(new TinyFleet("B"), false);
        var plan = planner.plan(TinyFleet.snapshot(a, new TinyFleet("B")),
                List.of(fail(PeerLoginConnectGranted.ID, "A", "B")), AB, PlanOptions.all());
        assertThat(plan.actions()).singleElement().satisfies(act -> {
            assertThat(act.instance()).isEqualTo("A");
            assertThat(act.sql()).containsExactly("GRANT CONNECT ON ENDPOINT::[Endpoint_Mirroring] TO [B_login];");
            assertThat(act.rollback()).containsExactly("REVOKE CONNECT ON ENDPOINT::[Endpoint_Mirroring] FROM [B_login];");
            assertThat(act.risk()).isEqualTo(Risk.SAFE);
        });
    }

    @Test
    void a_denied_connect_is_revoked_before_the_grant() {
        var a = new TinyFleet("A").trusts(new TinyFleet("B"), false);
        a.perms.add(a.connect(a.logins.get(0).principalId(), "B_login", "D"));
        var plan = planner.plan(TinyFleet.snapshot(a, new TinyFleet("B")),
                List.of(fail(PeerLoginConnectGranted.ID, "A", "B")), AB, PlanOptions.all());
        assertThat(plan.actions().get(0).sql()).containsExactly(
                "REVOKE CONNECT ON ENDPOINT::[Endpoint_Mirroring] FROM [B_login];",
                "GRANT CONNECT ON ENDPOINT::[Endpoint_Mirroring] TO [B_login];");
    }

    @Test
    void installs_the_whole_inbound_procedure_from_the_peer_certificate_bytes() {
        var a = new TinyFleet("A");
        var b = new TinyFleet("B");
        var plan = planner.plan(TinyFleet.snapshot(a, b), List.of(fail(PeerCertificateInstalled.ID, "A", "B")),
                AB, PlanOptions.all());
        var act = plan.actions().get(0);
        assertThat(act.sql()).containsExactly(
                "CREATE LOGIN [B_login] WITH PASSWORD = N'$(generated:login)';",
                "CREATE USER [B_user] FOR LOGIN [B_login];",
                "CREATE CERTIFICATE [B_cert] AUTHORIZATION [B_user] FROM BINARY = 0x3082010A;",
                "GRANT CONNECT ON ENDPOINT::[Endpoint_Mirroring] TO [B_login];");
        assertThat(act.expectedPostState()).contains("peer-certificate-installed@A<-B", "peer-login-connect-granted@A<-B");
        assertThat(act.rollback()).last().isEqualTo("DROP LOGIN [B_login];");
    }

    @Test
    void hostile_names_are_quoted_in_every_statement() {
        String evil = "W]'; DROP LOGIN sa;--ü";
        var a = new TinyFleet("A");
        a.endpointName = "ep ]x";
        var w = new TinyFleet(evil);
        var plan = planner.plan(TinyFleet.snapshot(a, w), List.of(fail(PeerCertificateInstalled.ID, "A", evil)),
                Map.of("A", Set.of(evil)), PlanOptions.all());
        assertThat(plan.actions().get(0).sql()).containsExactly(
                "CREATE LOGIN [W]]'; DROP LOGIN sa;--ü_login] WITH PASSWORD = N'$(generated:login)';",
                "CREATE USER [W]]'; DROP LOGIN sa;--ü_user] FOR LOGIN [W]]'; DROP LOGIN sa;--ü_login];",
                "CREATE CERTIFICATE [W]]'; DROP LOGIN sa;--ü_cert] AUTHORIZATION [W]]'; DROP LOGIN sa;--ü_user] FROM BINARY = 0x3082010A;",
                "GRANT CONNECT ON ENDPOINT::[ep ]]x] TO [W]]'; DROP LOGIN sa;--ü_login];");
    }

    @Test
    void encryption_is_widened_everywhere_before_it_is_narrowed() {
        var a = new TinyFleet("A");
        a.encryptionCode = 1; // REQUIRED RC4
        var b = new TinyFleet("B");
        b.encryptionCode = 1;
        var plan = planner.plan(TinyFleet.snapshot(a, b),
                List.of(fail(EndpointEncryptionAesOnly.ID, "A", null), fail(EndpointEncryptionAesOnly.ID, "B", null)),
                AB, PlanOptions.all());
        assertThat(plan.actions()).extracting(RemediationAction::step).containsExactly(60, 60, 70, 70);
        assertThat(plan.actions().get(0).sql().get(0)).endsWith("(ENCRYPTION = REQUIRED ALGORITHM AES RC4);");
        assertThat(plan.actions().get(3).sql().get(0)).endsWith("(ENCRYPTION = REQUIRED ALGORITHM AES);");
        assertThat(plan.actions()).allMatch(x -> x.risk() == Risk.DISRUPTIVE);
        assertThat(plan.actions().get(0).rollback()).containsExactly(
                "ALTER ENDPOINT [Endpoint_Mirroring] FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM RC4);");
    }

    @Test
    void encryption_fix_is_refused_when_a_peer_would_be_left_incompatible() {
        var a = new TinyFleet("A");
        a.encryptionCode = 1;
        var b = new TinyFleet("B");
        b.encryptionCode = 0; // DISABLED, and not selected
        var plan = planner.plan(TinyFleet.snapshot(a, b), List.of(fail(EndpointEncryptionAesOnly.ID, "A", null)),
                AB, new PlanOptions(Set.of(), Set.of("A"), true, false, null));
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("peer B"));
    }

    @Test
    void disruptive_fixes_need_consent_and_waived_fails_are_left_alone() {
        var a = new TinyFleet("A");
        a.encryptionCode = 3;
        var waived = fail(EndpointStarted.ID, "A", null)
                .withWaiver(new AppliedWaiver("change freeze", LocalDate.of(2099, 1, 1), false));
        var plan = planner.plan(TinyFleet.snapshot(a), List.of(fail(EndpointEncryptionRequired.ID, "A", null), waived),
                Map.of(), new PlanOptions(Set.of(), Set.of(), false, false, null));
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("disruptive"));
    }

    @Test
    void secrets_stay_placeholders_and_backup_needs_a_directory() {
        var a = new TinyFleet("A");
        var noDir = planner.plan(TinyFleet.snapshot(a), List.of(fail(EndpointCertificateBackedUp.ID, "A", null),
                fail(MasterKeyProtectedByServiceKey.ID, "A", null)), Map.of(), PlanOptions.all());
        assertThat(noDir.skipped()).extracting(SkippedFinding::ruleId).containsExactly(EndpointCertificateBackedUp.ID);
        assertThat(noDir.actions().get(0).sql().get(0))
                .isEqualTo("OPEN MASTER KEY DECRYPTION BY PASSWORD = N'$(secret:masterKeyPassword)';");
        var withDir = planner.plan(TinyFleet.snapshot(a), List.of(fail(EndpointCertificateBackedUp.ID, "A", null)),
                Map.of(), new PlanOptions(Set.of(), Set.of(), true, false, "/var/opt/mssql/backup"));
        assertThat(withDir.actions().get(0).sql()).containsExactly(
                "BACKUP CERTIFICATE [A_cert] TO FILE = N'/var/opt/mssql/backup/A_A_cert.cer' WITH PRIVATE KEY "
                        + "(FILE = N'/var/opt/mssql/backup/A_A_cert.pvk', ENCRYPTION BY PASSWORD = N'$(secret:backupPassword)');");
    }

    @Test
    void the_hash_changes_when_any_statement_changes_and_only_then() {
        var a = new TinyFleet("A").trusts(new TinyFleet("B"), false);
        var findings = List.of(fail(PeerLoginConnectGranted.ID, "A", "B"));
        String h1 = planner.plan(TinyFleet.snapshot(a, new TinyFleet("B")), findings, AB, PlanOptions.all()).hash();
        String h2 = planner.plan(TinyFleet.snapshot(a, new TinyFleet("B")), findings, AB, PlanOptions.all()).hash();
        a.endpointName = "Hadr_endpoint";
        String h3 = planner.plan(TinyFleet.snapshot(a, new TinyFleet("B")), findings, AB, PlanOptions.all()).hash();
        assertThat(h1).isEqualTo(h2).hasSize(64).isNotEqualTo(h3);
    }

    @Test
    void stale_grants_and_old_certificates_are_cleaned_only_on_request() {
        var b = new TinyFleet("B");
        var a = new TinyFleet("A").trusts(b, true);
        a.logins.add(new io.mirrorguard.rules.model.ServerPrincipal("old_login", 900, "BB900", "S", "SQL_LOGIN",
                false, TinyFleet.NOW, TinyFleet.NOW, "master", null, false));
        a.perms.add(a.connect(900, "old_login", "G"));
        var f = List.of(fail(StaleEndpointTrust.ID, "A", null));
        assertThat(planner.plan(TinyFleet.snapshot(a, b), f, AB, PlanOptions.all()).actions()).isEmpty();
        var plan = planner.plan(TinyFleet.snapshot(a, b), f, AB, new PlanOptions(Set.of(), Set.of(), true, true, null));
        assertThat(plan.actions()).singleElement().satisfies(act -> {
            assertThat(act.sql()).containsExactly("REVOKE CONNECT ON ENDPOINT::[Endpoint_Mirroring] FROM [old_login];");
            assertThat(act.risk()).isEqualTo(Risk.DISRUPTIVE);
        });
    }
}
