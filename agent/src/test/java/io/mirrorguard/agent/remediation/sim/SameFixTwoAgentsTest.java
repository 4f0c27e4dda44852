package io.mirrorguard.agent.remediation.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.remediation.CollectingFleetAuditor;
import io.mirrorguard.agent.remediation.ExecutionLimits;
import io.mirrorguard.agent.remediation.JournalEntry;
import io.mirrorguard.agent.remediation.RemediationAutomation;
import io.mirrorguard.agent.remediation.RemediationService;
import io.mirrorguard.agent.remediation.Selection;
import io.mirrorguard.agent.remediation.SharedJournal;
import io.mirrorguard.agent.store.SharedDatabase;
import io.mirrorguard.agent.testing.PostgresSchema;
import io.mirrorguard.rules.catalog.EndpointStarted;
import io.mirrorguard.rules.engine.AuditResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The race a cluster really has: two agents evaluate the same facts (each evaluation takes every instance's latest
 * stored facts) and both plan the same fix. The target applock serialises them; the shared journal makes the second
 * one, which gets the lock only after the first released it, skip instead of sending the fix again.
 */
class SameFixTwoAgentsTest {

    @TempDir
    Path dir;

    private PostgresSchema pg;
    private SharedDatabase db;

    @BeforeEach
    void database() {
        pg = PostgresSchema.create();
        db = SharedDatabase.connect(pg.url(), pg.user(), null, 6);
    }

    @AfterEach
    void drop() throws Exception {
        db.close();
        pg.close();
    }

    private static final Selection ENDPOINT = new Selection(Set.of(EndpointStarted.ID), Set.of(), false, false);

    private static long startsSent(SimFleet sim) {
        return sim.batches().get("SQLB").stream().filter(b -> b.toUpperCase().contains("STATE = STARTED")).count();
    }

    @Test
    void the_second_agent_with_the_same_plan_skips_after_the_first_applied_it() throws Exception {
        try (SimFleet sim = SimFleet.start("drift-endpoint-stopped.sql", dir);
             CollectingFleetAuditor auditor = new CollectingFleetAuditor(sim.config(), Clock.systemUTC())) {
            sim.withRemediation(FixesEndToEndTest.REMEDIATION);
            AgentConfig cfg = sim.config();
            RemediationService a = RemediationService.forConfig(cfg, auditor, SharedJournal.of(db, "agent-a"),
                    Clock.systemUTC(), null);
            RemediationService b = RemediationService.forConfig(cfg, auditor, SharedJournal.of(db, "agent-b"),
                    Clock.systemUTC(), null);
            AuditResult facts = auditor.audit();
            RemediationService.Planned planned = new RemediationService.Planned(facts, a.plan(facts, ENDPOINT));
            assertThat(b.plan(facts, ENDPOINT).hash()).as("both agents plan the same fix").isEqualTo(planned.hash());
            assertThat(planned.plan().actions()).singleElement();
            sim.clearBatches();

            RemediationService.ApplyResult first = a.run(planned, ExecutionLimits.explicitApply(),
                    RemediationAutomation.TRIGGER);
            assertThat(first.allFixed()).as(first.actions().toString()).isTrue();
            RemediationService.ApplyResult second = b.run(planned, ExecutionLimits.explicitApply(),
                    RemediationAutomation.TRIGGER);
            assertThat(second.actions()).singleElement().satisfies(r -> {
                assertThat(r.outcome().status()).isEqualTo(JournalEntry.Status.SKIPPED);
                assertThat(r.outcome().detail()).startsWith("already succeeded by agent agent-a at ");
            });
            assertThat(startsSent(sim)).as("ALTER ENDPOINT ... STATE = STARTED sent to SQLB").isEqualTo(1);

            List<JournalEntry> journal = a.journal().read();
            assertThat(journal).isEqualTo(b.journal().read());
            assertThat(journal).extracting(e -> e.agent() + " " + e.status() + " " + e.postAudit()).containsExactly(
                    "agent-a SUCCEEDED PASS", "agent-b SKIPPED null");

            // a fresh audit shows the fix: nothing left to plan for either agent
            assertThat(b.plan(auditor.audit(), ENDPOINT).actions()).isEmpty();
        }
    }

    @Test
    void two_agents_running_the_same_plan_at_once_send_it_once() throws Exception {
        try (SimFleet sim = SimFleet.start("drift-endpoint-stopped.sql", dir);
             CollectingFleetAuditor auditor = new CollectingFleetAuditor(sim.config(), Clock.systemUTC())) {
            sim.withRemediation(FixesEndToEndTest.REMEDIATION);
            AgentConfig cfg = sim.config();
            String fix = null;
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 3; round++) {
                    if (fix != null) {
                        // break it again, as drift does
                        Sa.exec(cfg, "SQLB", fix.replace("STATE = STARTED", "STATE = STOPPED"));
                    }
                    RemediationService a = RemediationService.forConfig(cfg, auditor,
                            SharedJournal.of(db, "agent-a"), Clock.systemUTC(), null);
                    RemediationService b = RemediationService.forConfig(cfg, auditor,
                            SharedJournal.of(db, "agent-b"), Clock.systemUTC(), null);
                    AuditResult facts = auditor.audit();
                    RemediationService.Planned planned = new RemediationService.Planned(facts,
                            a.plan(facts, ENDPOINT));
                    assertThat(planned.plan().actions()).as("round " + round).singleElement();
                    fix = planned.plan().actions().get(0).sql().get(0);
                    sim.clearBatches();
                    CyclicBarrier together = new CyclicBarrier(2);
                    Future<RemediationService.ApplyResult> fa = pool.submit(() -> {
                        together.await();
                        return a.run(planned, ExecutionLimits.explicitApply(), RemediationAutomation.TRIGGER);
                    });
                    Future<RemediationService.ApplyResult> fb = pool.submit(() -> {
                        together.await();
                        return b.run(planned, ExecutionLimits.explicitApply(), RemediationAutomation.TRIGGER);
                    });
                    List<JournalEntry.Status> statuses = List.of(fa.get().actions().get(0).outcome().status(),
                            fb.get().actions().get(0).outcome().status());
                    assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(
                            JournalEntry.Status.SUCCEEDED, JournalEntry.Status.SKIPPED);
                    assertThat(startsSent(sim)).as("round " + round + ": STATE = STARTED sent once").isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
