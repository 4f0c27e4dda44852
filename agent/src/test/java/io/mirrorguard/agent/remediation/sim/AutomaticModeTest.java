package io.mirrorguard.agent.remediation.sim;

import io.mirrorguard.rules.catalog.EndpointConnectNotPublic;
import io.mirrorguard.rules.catalog.EndpointEncryptionRequired;
import io.mirrorguard.rules.catalog.MasterKeyProtectedByServiceKey;
import io.mirrorguard.rules.catalog.PeerCertificateInstalled;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.remediation.CollectingFleetAuditor;
import io.mirrorguard.agent.remediation.RemediationAutomation;
import io.mirrorguard.agent.remediation.RemediationService;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic mode on demo-drift (FAILs on SQLA, SQLB and SQLW): only allowlisted rules on allowlisted instances are
 * touched; empty allowlists touch nothing; disruptive fixes wait for a maintenance window.
 */
class AutomaticModeTest {

    @TempDir
    Path dir;

    private Optional<RemediationService.ApplyResult> runAutomatic(AgentConfig cfg, AuditResult audit) {
        try (CollectingFleetAuditor auditor = new CollectingFleetAuditor(cfg, Clock.systemUTC())) {
            RemediationService service = RemediationService.forConfig(cfg, auditor, Clock.systemUTC(), null);
            return new RemediationAutomation(cfg.remediation(), service, Clock.systemUTC()).afterAudit(audit);
        }
    }

    private static Outcome outcome(AuditResult a, String rule, String instance) {
        return a.findings().stream().filter(f -> f.ruleId().equals(rule) && f.instance().equals(instance))
                .map(Finding::outcome).reduce((x, y) -> x == Outcome.PASS ? y : x).orElseThrow();
    }

    @Test
    void only_allowlisted_rules_on_allowlisted_instances_are_fixed() throws Exception {
        try (SimFleet sim = SimFleet.start("demo-drift.sql", dir)) {
            sim.withRemediation("""
                    remediation:
                      enabled: true
                      rules: [endpoint-connect-not-public, peer-certificate-installed]
                      instances: [SQLB]
                      masterKeyPassword: 'Mk!Example-2026-Strong'
                    """);
            AgentConfig cfg = sim.config();
            AuditResult before = Audits.fresh(cfg);
            assertThat(outcome(before, EndpointConnectNotPublic.ID, "SQLB")).isEqualTo(Outcome.FAIL);
            assertThat(outcome(before, MasterKeyProtectedByServiceKey.ID, "SQLA")).isEqualTo(Outcome.FAIL);
            assertThat(outcome(before, PeerCertificateInstalled.ID, "SQLW")).isEqualTo(Outcome.FAIL);
            sim.clearBatches();

            RemediationService.ApplyResult result = runAutomatic(cfg, before).orElseThrow();
            assertThat(result.actions()).extracting(a -> a.outcome().action().ruleId() + "@"
                    + a.outcome().action().instance()).containsExactly("endpoint-connect-not-public@SQLB");
            assertThat(result.allFixed()).isTrue();
            assertThat(sim.batches().get("SQLA")).noneMatch(Sa::mutates);
            assertThat(sim.batches().get("SQLW")).noneMatch(Sa::mutates);

            AuditResult after = Audits.fresh(cfg);
            assertThat(outcome(after, EndpointConnectNotPublic.ID, "SQLB")).isEqualTo(Outcome.PASS);
            assertThat(outcome(after, MasterKeyProtectedByServiceKey.ID, "SQLA")).isEqualTo(Outcome.FAIL);
            assertThat(outcome(after, PeerCertificateInstalled.ID, "SQLW")).isEqualTo(Outcome.FAIL);
        }
    }

    @Test
    void empty_allowlists_fix_nothing_and_disabled_does_nothing() throws Exception {
        try (SimFleet sim = SimFleet.start("demo-drift.sql", dir)) {
            for (String section : List.of(
                    "remediation:\n  enabled: true\n  instances: [SQLA, SQLB, SQLW]\n",
                    "remediation:\n  enabled: true\n  rules: [endpoint-connect-not-public]\n",
                    "remediation:\n  enabled: false\n  rules: [endpoint-connect-not-public]\n  instances: [SQLB]\n")) {
                sim.withRemediation(section);
                AgentConfig cfg = sim.config();
                AuditResult before = Audits.fresh(cfg);
                sim.clearBatches();
                assertThat(runAutomatic(cfg, before)).as(section).isEmpty();
                sim.batches().forEach((n, b) -> assertThat(b).as(section + n).isEmpty());
            }
        }
    }

    @Test
    void disruptive_fixes_wait_for_a_maintenance_window() throws Exception {
        try (SimFleet sim = SimFleet.start("drift-encryption-supported.sql", dir)) {
            String base = """
                    remediation:
                      enabled: true
                      rules: [endpoint-encryption-required, endpoint-encryption-aes-only]
                      instances: [SQLA]
                    """;
            sim.withRemediation(base);
            AgentConfig cfg = sim.config();
            AuditResult before = Audits.fresh(cfg);
            sim.clearBatches();
            // no window configured: never disruptive
            assertThat(runAutomatic(cfg, before)).isEmpty();
            sim.batches().forEach((n, b) -> assertThat(b).as(n).noneMatch(Sa::mutates));

            sim.withRemediation(base + "  maintenanceWindows:\n    - {start: \"00:00\", end: \"23:59:59\"}\n"
                    + "    - {start: \"23:59:59\", end: \"00:00\"}\n");
            cfg = sim.config();
            RemediationService.ApplyResult result = runAutomatic(cfg, before).orElseThrow();
            assertThat(result.allFixed()).as(result.actions().toString()).isTrue();
            assertThat(outcome(Audits.fresh(cfg), EndpointEncryptionRequired.ID, "SQLA")).isEqualTo(Outcome.PASS);
        }
    }
}
