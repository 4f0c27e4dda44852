package io.mirrorguard.agent.remediation.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.remediation.CollectingFleetAuditor;
import io.mirrorguard.agent.remediation.RemediationService;
import io.mirrorguard.agent.remediation.Selection;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hostile-names.sql (names with ], ', ;, comment markers and non-ASCII) with drift introduced by hand: every fix
 * quotes the names, so the right objects change and nothing else runs (the `DROP LOGIN sa` inside a login's name
 * stays part of the name).
 */
class HostileNamesTest {

    static final String ENDPOINT = "[Mirror]]ing; End'point ü]";

    @TempDir
    Path dir;

    @Test
    void drift_on_hostile_names_is_fixed_exactly() throws Exception {
        try (SimFleet sim = SimFleet.start("hostile-names.sql", dir)) {
            sim.withRemediation(FixesEndToEndTest.REMEDIATION);
            AgentConfig cfg = sim.config();
            AuditResult clean = Audits.fresh(cfg);
            Audits.assertCollected(clean);
            assertThat(clean.findings()).noneMatch(Finding::failing);

            Sa.exec(cfg, "SQLH1",
                    "REVOKE CONNECT ON ENDPOINT::" + ENDPOINT + " FROM [login]] for 'SQLH2'; DROP LOGIN sa; --];");
            Sa.exec(cfg, "SQLH2", "ALTER ENDPOINT " + ENDPOINT + " STATE = STOPPED;",
                    "GRANT CONNECT ON ENDPOINT::" + ENDPOINT + " TO [public];");
            AuditResult drifted = Audits.fresh(cfg);
            assertThat(drifted.findings().stream().filter(Finding::failing).map(Audits::shortKey)
                    .collect(Collectors.toSet())).contains(
                    "peer-login-connect-granted@SQLH1<-SQLH2", "endpoint-connect-not-public@SQLH2",
                    "endpoint-started@SQLH2");

            Selection all = new Selection(Set.of(), Set.of(), false, false);
            RemediationService.ApplyResult result;
            try (CollectingFleetAuditor auditor = new CollectingFleetAuditor(cfg, Clock.systemUTC())) {
                RemediationService service = RemediationService.forConfig(cfg, auditor, Clock.systemUTC(), null);
                RemediationService.Planned plan = service.plan(all);
                assertThat(plan.plan().actions()).flatExtracting(a -> a.sql()).contains(
                        "GRANT CONNECT ON ENDPOINT::" + ENDPOINT + " TO [login]] for 'SQLH2'; DROP LOGIN sa; --];",
                        "REVOKE CONNECT ON ENDPOINT::" + ENDPOINT + " FROM [public];",
                        "ALTER ENDPOINT " + ENDPOINT + " STATE = STARTED;");
                result = service.apply(all, plan.hash(), "test");
            }
            assertThat(result.allFixed()).as(result.actions().toString()).isTrue();

            AuditResult after = Audits.fresh(cfg);
            assertThat(after.findings()).noneMatch(Finding::failing);
            assertThat(Audits.outcomes(after).entrySet().stream().filter(e -> !e.getKey().startsWith(
                    FixesEndToEndTest.LIVE)).collect(Collectors.toMap(e -> e.getKey(), e -> e.getValue())))
                    .isEqualTo(Audits.outcomes(clean).entrySet().stream().filter(e -> !e.getKey().startsWith(
                            FixesEndToEndTest.LIVE)).collect(Collectors.toMap(e -> e.getKey(), e -> e.getValue())));
            for (String instance : sim.instanceNames()) {
                try (Connection c = Sa.connect(cfg, instance)) {
                    assertThat(Sa.column(c, "SELECT name FROM sys.server_principals WHERE name = N'sa'"))
                            .as("sa still exists on " + instance).containsExactly("sa");
                }
            }
            assertThat(after.findings()).filteredOn(f -> f.outcome() == Outcome.PASS).isNotEmpty();
        }
    }
}
