package io.mirrorguard.agent.remediation.sim;

import io.mirrorguard.rules.catalog.EndpointStarted;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.remediation.CollectingFleetAuditor;
import io.mirrorguard.agent.remediation.JournalEntry;
import io.mirrorguard.agent.remediation.RemediationService;
import io.mirrorguard.agent.remediation.Selection;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another agent holds the remediation applock on the instance: this one backs off and sends no change. */
class RacingAgentsTest {

    @TempDir
    Path dir;

    @Test
    void second_agent_backs_off_while_the_lock_is_held_then_applies() throws Exception {
        try (SimFleet sim = SimFleet.start("drift-endpoint-stopped.sql", dir)) {
            sim.withRemediation(FixesEndToEndTest.REMEDIATION);
            AgentConfig cfg = sim.config();
            Selection sel = new Selection(Set.of(EndpointStarted.ID), Set.of(), false, false);
            try (CollectingFleetAuditor auditor = new CollectingFleetAuditor(cfg, Clock.systemUTC())) {
                RemediationService service = RemediationService.forConfig(cfg, auditor, Clock.systemUTC(), null);
                String hash = service.plan(sel).hash();
                try (Connection other = Sa.connect(cfg, "SQLB")) {
                    assertThat(Sa.column(other, "DECLARE @rc int; EXEC @rc = sp_getapplock @Resource = "
                            + "N'mirrorguard-remediation', @LockMode = 'Exclusive', @LockOwner = 'Session', "
                            + "@LockTimeout = 0; SELECT @rc;")).containsExactly("0");
                    sim.clearBatches();
                    RemediationService.ApplyResult held = service.apply(sel, hash, "test");
                    assertThat(held.actions()).singleElement().satisfies(a -> {
                        assertThat(a.outcome().status()).isEqualTo(JournalEntry.Status.SKIPPED);
                        assertThat(a.outcome().detail()).contains("another agent holds the remediation lock");
                    });
                    assertThat(held.allFixed()).isFalse();
                    assertThat(sim.batches().get("SQLB")).noneMatch(b -> b.toUpperCase().contains("ALTER ENDPOINT"));
                }
                // the other agent's session ended: its session-owned lock is gone
                RemediationService.ApplyResult free = service.apply(sel, hash, "test");
                assertThat(free.allFixed()).as(free.actions().toString()).isTrue();
            }
        }
    }
}
