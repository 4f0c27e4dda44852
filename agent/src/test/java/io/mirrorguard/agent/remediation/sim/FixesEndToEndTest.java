package io.mirrorguard.agent.remediation.sim;

import io.mirrorguard.rules.remediation.fixes.BuiltInFixes;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.remediation.CollectingFleetAuditor;
import io.mirrorguard.agent.remediation.RemediationService;
import io.mirrorguard.agent.remediation.Selection;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.RemediationPlanner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fix, end to end through mssql-jdbc with TLS validation on: a shipped drift scenario's FAILs are planned,
 * applied with the plan hash, and a fresh audit shows each fixable FAIL now PASSes and no other finding changed.
 */
class FixesEndToEndTest {

    static final String REMEDIATION = """
            remediation:
              enabled: false
              backupPath: 'C:\\mirrorguard\\backup\\'
              masterKeyPassword: 'Mk!Example-2026-Strong'
              backupPassword: 'Kb!Example-2026-Strong'
            """;

    static final String LIVE = "mirroring-connections-encrypted@";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "drift-master-key-not-service-protected.sql",
        "drift-endpoint-cert-not-backed-up.sql",
        "drift-witness-missing-peer-cert.sql",
        "drift-witness-trusts-one-partner.sql",
        "drift-peer-connect-revoked.sql",
        "drift-witness-connect-denied.sql",
        "drift-endpoint-stopped.sql",
        "drift-encryption-supported.sql",
        "drift-encryption-rc4-aes.sql",
        "drift-encryption-rc4.sql",
        "drift-encryption-disabled.sql",
        "drift-connect-granted-to-public.sql",
        "drift-stale-cert-after-rotation.sql"})
    void fix_turns_fail_into_pass_and_changes_nothing_else(String scenario) throws Exception {
        try (SimFleet sim = SimFleet.start(scenario, dir)) {
            sim.withRemediation(REMEDIATION);
            AgentConfig cfg = sim.config();
            AuditResult before = Audits.fresh(cfg);
            Set<String> fixable = BuiltInFixes.planner().fixableRules();
            Set<String> expected = sim.header().expectFail().stream()
                    .filter(e -> fixable.contains(e.ruleId())).map(Object::toString).collect(Collectors.toSet());
            Audits.assertCollected(before);
            assertThat(expected).as("scenario has a fixable FAIL").isNotEmpty();
            Set<String> failing = before.findings().stream().filter(Finding::failing).map(Audits::shortKey)
                    .collect(Collectors.toSet());
            // the header names what the scenario breaks; what the rules report as FAIL is what gets fixed
            expected.retainAll(failing);
            assertThat(expected).as("a fixable FAIL is reported").isNotEmpty();

            Selection all = new Selection(Set.of(), Set.of(), true, true);
            RemediationService.ApplyResult result;
            try (CollectingFleetAuditor auditor = new CollectingFleetAuditor(cfg, Clock.systemUTC())) {
                RemediationService service = RemediationService.forConfig(cfg, auditor, Clock.systemUTC(), null);
                RemediationService.Planned plan = service.plan(all);
                assertThat(plan.plan().skipped()).as("skipped").noneMatch(s -> expected.contains(
                        s.ruleId() + "@" + s.instance() + (s.peer() == null ? "" : "<-" + s.peer())));
                result = service.apply(all, plan.hash(), "test");
            }
            assertThat(result.applied()).isTrue();
            assertThat(result.actions()).as("actions").isNotEmpty()
                    .allSatisfy(a -> assertThat(a.fixed()).as(a.outcome().action().summary() + ": "
                            + a.outcome().detail() + " / " + a.verdict()).isTrue());

            AuditResult after = Audits.fresh(cfg);
            Map<String, Outcome> was = Audits.outcomes(before);
            Map<String, Outcome> now = Audits.outcomes(after);
            // live connections come and go (an endpoint restart reconnects); objects a fix creates are judged
            // anew (and must PASS); objects a fix removes take their FAIL with them
            for (String k : now.keySet()) {
                if (!was.containsKey(k) && !k.startsWith(LIVE)) {
                    assertThat(now.get(k)).as("new finding " + k).isEqualTo(Outcome.PASS);
                }
            }
            for (String k : was.keySet()) {
                if (!now.containsKey(k) && !k.startsWith(LIVE)) {
                    assertThat(was.get(k)).as("vanished finding " + k).isEqualTo(Outcome.FAIL);
                }
            }
            for (Finding f : after.findings()) {
                if (expected.contains(Audits.shortKey(f))) {
                    assertThat(f.outcome()).as(Audits.key(f)).isEqualTo(Outcome.PASS);
                }
                Outcome old = was.get(Audits.key(f));
                if (old != null && old != f.outcome()) {
                    // a FAIL is fixed, or a check that did not apply (no certificate yet) now applies and passes
                    assertThat(old).as("only FAILs change: " + Audits.key(f)).isIn(Outcome.FAIL, Outcome.NOT_APPLICABLE);
                    assertThat(f.outcome()).as("and only to PASS: " + Audits.key(f)).isEqualTo(Outcome.PASS);
                }
            }
            for (RemediationAction a : result.actions().stream().map(r -> r.outcome().action()).toList()) {
                assertThat(a.sql()).allSatisfy(s -> assertThat(s).doesNotContain("Mk!Example", "Kb!Example"));
            }
        }
    }
}
