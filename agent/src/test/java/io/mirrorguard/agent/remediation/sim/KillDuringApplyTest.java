package io.mirrorguard.agent.remediation.sim;

import io.mirrorguard.rules.catalog.EndpointStarted;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.remediation.CollectingFleetAuditor;
import io.mirrorguard.agent.remediation.FileJournal;
import io.mirrorguard.agent.remediation.JournalEntry;
import io.mirrorguard.agent.remediation.RemediationService;
import io.mirrorguard.agent.remediation.Selection;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.simulator.api.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent process killed with SIGKILL after journaling STARTED and while its statement is on the wire: the journal
 * stays readable and shows the action INTERRUPTED; planning again from a fresh audit picks up where it stopped.
 */
class KillDuringApplyTest {

    @TempDir
    Path dir;

    @Test
    void kill_during_apply_leaves_a_consistent_journal_and_the_fix_resumes() throws Exception {
        try (SimFleet sim = SimFleet.start("drift-endpoint-stopped.sql", dir)) {
            sim.withRemediation(FixesEndToEndTest.REMEDIATION);
            AgentConfig cfg = sim.config();
            Selection sel = new Selection(Set.of(EndpointStarted.ID), Set.of(), false, false);
            FileJournal journal = new FileJournal(RemediationService.journalPath(cfg));
            try (CollectingFleetAuditor auditor = new CollectingFleetAuditor(cfg, Clock.systemUTC())) {
                RemediationService service = RemediationService.forConfig(cfg, auditor, Clock.systemUTC(), null);
                RemediationService.Planned planned = service.plan(sel);
                assertThat(planned.plan().actions()).hasSize(1);
                Path planFile = dir.resolve("plan.json");
                Files.writeString(planFile, new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(planned.plan()));

                // every answer from SQLB now takes 3 s: the child is still waiting for its ALTER when killed
                sim.instance("SQLB").setFault(new Fault(Fault.Kind.SLOW, 3000));
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        ApplyChild.class.getName(), sim.configFile().toString(), planFile.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (!journalHas(journal, "\"STARTED\"") && System.nanoTime() < deadline && child.isAlive()) {
                        Thread.sleep(50);
                    }
                    assertThat(journalHas(journal, "\"STARTED\"")).as(Files.readString(dir.resolve("child.log")))
                            .isTrue();
                } finally {
                    child.destroyForcibly();
                    child.waitFor(30, TimeUnit.SECONDS);
                    sim.instance("SQLB").setFault(Fault.NONE);
                }
                assertThat(Files.readString(dir.resolve("child.log"))).doesNotContain("child finished");

                List<JournalEntry> entries = journal.read();
                assertThat(entries).singleElement().satisfies(e -> {
                    assertThat(e.status()).isEqualTo(JournalEntry.Status.INTERRUPTED);
                    assertThat(e.ruleId()).isEqualTo(EndpointStarted.ID);
                    assertThat(e.instance()).isEqualTo("SQLB");
                    assertThat(e.planHash()).isEqualTo(planned.hash());
                });

                // resume as an operator would: plan from a fresh audit, apply that plan. The killed agent's last
                // batch may still take effect on the server meanwhile; then the hash differs, nothing is sent,
                // and the operator plans again.
                boolean done = false;
                for (int attempt = 0; attempt < 20 && !done; attempt++) {
                    RemediationService.Planned again = service.plan(sel);
                    if (again.plan().isEmpty()) {
                        done = true;
                    } else {
                        RemediationService.ApplyResult result = service.apply(sel, again.hash(), "resume");
                        // the dead agent's session (and its applock) lives until the server drops the connection
                        boolean lockedOut = result.actions().stream().anyMatch(a ->
                                a.outcome().status() == JournalEntry.Status.SKIPPED);
                        done = result.applied() && !lockedOut;
                        if (done) {
                            assertThat(result.allFixed()).as(String.valueOf(result.actions().stream()
                                    .map(a -> a.outcome().detail() + " " + a.verdict()).toList())).isTrue();
                        } else {
                            Thread.sleep(1000);
                        }
                    }
                }
                assertThat(done).as("resumed").isTrue();
            }
            assertThat(Audits.fresh(cfg).findings()).filteredOn(f -> f.ruleId().equals(EndpointStarted.ID))
                    .allSatisfy(f -> assertThat(f.outcome()).isEqualTo(Outcome.PASS));
            assertThat(journal.read()).first().extracting(JournalEntry::status)
                    .isEqualTo(JournalEntry.Status.INTERRUPTED);
        }
    }

    private static boolean journalHas(FileJournal journal, String text) throws java.io.IOException {
        return Files.exists(journal.file()) && Files.readString(journal.file()).contains(text);
    }
}
