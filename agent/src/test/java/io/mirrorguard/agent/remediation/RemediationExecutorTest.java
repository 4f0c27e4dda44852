package io.mirrorguard.agent.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.RemediationPlan;
import io.mirrorguard.rules.remediation.Risk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemediationExecutorTest {

    @TempDir
    Path dir;

    /** Records every statement per instance; instances in {@code locked} refuse the lock, {@code failing} throw. */
    static final class FakeSessions implements TargetSessions {
        final List<String> sent = new ArrayList<>();
        final Set<String> locked = new HashSet<>();
        final Set<String> failing = new HashSet<>();
        int opened;

        @Override
        public TargetSession open(String instance) {
            opened++;
            return new TargetSession() {
                @Override
                public boolean tryLock() {
                    return !locked.contains(instance);
                }

                @Override
                public void execute(String sql) throws SQLException {
                    if (failing.contains(instance)) {
                        throw new SQLException("Cannot find the login 'x'", "S0001", 15151);
                    }
                    sent.add(instance + ": " + sql);
                }

                @Override
                public void close() {}
            };
        }
    }

    private final FakeSessions sessions = new FakeSessions();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    /** The plans of these tests come from facts collected just before the run. */
    private final PlanBasis facts = PlanBasis.at(clock.instant());

    private RemediationExecutor executor(Journal journal) {
        return new RemediationExecutor(sessions, new SecretResolver(Map.of("masterKeyPassword", "Mk'Pw")::get), journal, clock);
    }

    static RemediationAction action(String instance, Risk risk, String... sql) {
        return new RemediationAction("r", instance, null, instance, risk, 10, "s", List.of(), List.of(sql), List.of(), List.of());
    }

    @Test
    void dry_run_opens_no_session_and_sends_nothing() {
        FileJournal journal = new FileJournal(dir.resolve("journal.jsonl"));
        var plan = new RemediationPlan(List.of(action("A", Risk.SAFE, "GRANT CONNECT ON ENDPOINT::[e] TO [l];")), List.of());
        var out = executor(journal).run(plan, facts, ExecutionMode.DRY_RUN, ExecutionLimits.explicitApply(), "test");
        assertThat(sessions.opened).isZero();
        assertThat(sessions.sent).isEmpty();
        assertThat(out).singleElement().satisfies(o -> assertThat(o.detail()).contains("dry run"));
        assertThat(journal.read()).singleElement().satisfies(e -> assertThat(e.mode()).isEqualTo("DRY_RUN"));
    }

    @Test
    void secrets_reach_the_server_escaped_but_never_the_journal() throws Exception {
        FileJournal journal = new FileJournal(dir.resolve("journal.jsonl"));
        var plan = new RemediationPlan(List.of(
                action("A", Risk.SAFE, "OPEN MASTER KEY DECRYPTION BY PASSWORD = N'$(secret:masterKeyPassword)';",
                        "CREATE LOGIN [B_login] WITH PASSWORD = N'$(generated:login)';")), List.of());
        var out = executor(journal).run(plan, facts, ExecutionMode.APPLY, ExecutionLimits.explicitApply(), "cli");
        assertThat(out).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(JournalEntry.Status.SUCCEEDED));
        assertThat(sessions.sent.get(0)).isEqualTo("A: OPEN MASTER KEY DECRYPTION BY PASSWORD = N'Mk''Pw';");
        String generated = sessions.sent.get(1).replaceAll(".*N'(.*)';", "$1");
        assertThat(generated).hasSizeGreaterThanOrEqualTo(32 - 1).doesNotContain("$(");
        String raw = Files.readString(journal.file(), StandardCharsets.UTF_8);
        assertThat(raw).doesNotContain("Mk'Pw").doesNotContain("Mk''Pw").doesNotContain(generated)
                .contains("$(secret:masterKeyPassword)");
        assertThat(journal.read()).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(JournalEntry.Status.SUCCEEDED);
            assertThat(e.planHash()).isEqualTo(plan.hash());
            assertThat(e.trigger()).isEqualTo("cli");
        });
    }

    @Test
    void a_held_lock_makes_the_agent_back_off_for_that_instance_only() {
        sessions.locked.add("A");
        FileJournal journal = new FileJournal(dir.resolve("journal.jsonl"));
        var plan = new RemediationPlan(List.of(action("A", Risk.SAFE, "S1;"), action("B", Risk.SAFE, "S2;"),
                action("A", Risk.SAFE, "S3;")), List.of());
        var out = executor(journal).run(plan, facts, ExecutionMode.APPLY, ExecutionLimits.explicitApply(), "t");
        assertThat(out).extracting(ActionOutcome::status).containsExactly(JournalEntry.Status.SKIPPED,
                JournalEntry.Status.SUCCEEDED, JournalEntry.Status.SKIPPED);
        assertThat(sessions.sent).containsExactly("B: S2;");
        assertThat(sessions.opened).isEqualTo(2);
    }

    static RemediationAction action(String instance, String peer, String sql) {
        return new RemediationAction("r", instance, peer, instance, Risk.SAFE, 10, "s", List.of(), List.of(sql),
                List.of(), List.of());
    }

    @Test
    void a_failure_skips_only_the_later_actions_on_its_instance() {
        sessions.failing.add("A");
        FileJournal journal = new FileJournal(dir.resolve("journal.jsonl"));
        var plan = new RemediationPlan(List.of(action("A", null, "S1;"), action("B", null, "S2;"),
                action("A", "B", "S3;"), action("C", "A", "S4;"), action("B", "A", "S5;")), List.of());
        var out = executor(journal).run(plan, facts, ExecutionMode.APPLY, ExecutionLimits.explicitApply(), "cli");
        assertThat(out).extracting(ActionOutcome::status).containsExactly(JournalEntry.Status.FAILED,
                JournalEntry.Status.SUCCEEDED, JournalEntry.Status.SKIPPED, JournalEntry.Status.SUCCEEDED,
                JournalEntry.Status.SUCCEEDED);
        assertThat(out.get(2).detail()).isEqualTo("depends on r on A, which did not succeed");
        // actions with A as their peer take A's facts from the audit, not from the failed action: they run
        assertThat(sessions.sent).containsExactly("B: S2;", "C: S4;", "B: S5;");
    }

    @Test
    void limits_windows_and_consecutive_errors_are_enforced() {
        sessions.failing.addAll(List.of("A", "B"));
        FileJournal journal = new FileJournal(dir.resolve("journal.jsonl"));
        var plan = new RemediationPlan(List.of(action("A", Risk.SAFE, "S1;"), action("B", Risk.SAFE, "S2;"),
                action("E", Risk.SAFE, "S3;"), action("C", Risk.DISRUPTIVE, "S4;")), List.of());
        var out = executor(journal).run(plan, facts, ExecutionMode.APPLY, new ExecutionLimits(10, 10, 2, false), "auto");
        assertThat(out).extracting(ActionOutcome::status).containsExactly(JournalEntry.Status.FAILED,
                JournalEntry.Status.FAILED, JournalEntry.Status.SKIPPED, JournalEntry.Status.SKIPPED);
        assertThat(out.get(0).detail()).contains("Msg 15151");
        assertThat(out.get(2).detail()).contains("consecutive errors");
        assertThat(sessions.sent).isEmpty();

        sessions.failing.clear();
        plan = new RemediationPlan(List.of(action("A", Risk.SAFE, "S1;"), action("A", Risk.SAFE, "S2;"),
                action("B", Risk.SAFE, "S3;"), action("C", Risk.DISRUPTIVE, "S4;")), List.of());
        // a plan from a later audit: the failed attempts above are in its facts
        var limited = executor(journal).run(plan, PlanBasis.at(clock.instant().plusSeconds(60)), ExecutionMode.APPLY,
                new ExecutionLimits(10, 1, 5, false), "auto");
        assertThat(limited).extracting(ActionOutcome::status).containsExactly(JournalEntry.Status.SUCCEEDED,
                JournalEntry.Status.SKIPPED, JournalEntry.Status.SUCCEEDED, JournalEntry.Status.SKIPPED);
        assertThat(limited.get(3).detail()).contains("maintenance window");
    }

    @Test
    void a_manual_step_is_never_sent_even_on_explicit_apply() {
        FileJournal journal = new FileJournal(dir.resolve("journal.jsonl"));
        var plan = new RemediationPlan(List.of(action("A", Risk.MANUAL,
                "ALTER AVAILABILITY GROUP [ag1] MODIFY REPLICA ON N'B' WITH (ENDPOINT_URL = N'TCP://b:5022');"),
                action("A", Risk.SAFE, "S2;")), List.of());
        var out = executor(journal).run(plan, facts, ExecutionMode.APPLY, new ExecutionLimits(10, 10, 5, true), "cli");
        assertThat(out).extracting(ActionOutcome::status).containsExactly(JournalEntry.Status.SKIPPED,
                JournalEntry.Status.SUCCEEDED);
        assertThat(out.get(0).detail()).contains("manual step");
        assertThat(sessions.sent).containsExactly("A: S2;");
    }

    @Test
    void a_missing_secret_fails_the_action_naming_the_secret() {
        FileJournal journal = new FileJournal(dir.resolve("journal.jsonl"));
        var plan = new RemediationPlan(List.of(action("A", Risk.SAFE, "BACKUP ... N'$(secret:backupPassword)';")), List.of());
        var out = new RemediationExecutor(sessions, new SecretResolver(n -> null), journal, clock)
                .run(plan, facts, ExecutionMode.APPLY, ExecutionLimits.explicitApply(), "t");
        assertThat(out.get(0).status()).isEqualTo(JournalEntry.Status.FAILED);
        assertThat(out.get(0).detail()).contains("backupPassword");
        assertThat(sessions.sent).isEmpty();
    }

    @Test
    void a_started_action_without_an_end_reads_back_as_interrupted_and_torn_lines_are_ignored() throws Exception {
        FileJournal journal = new FileJournal(dir.resolve("journal.jsonl"));
        journal.append(new JournalEntry("1", "h", "r", "A", null, "SAFE", "APPLY", "t", List.of("S;"),
                clock.instant(), null, JournalEntry.Status.STARTED, null, null, null));
        Files.writeString(journal.file(), "{\"id\":\"2\",\"planHa", java.nio.file.StandardOpenOption.APPEND);
        assertThat(journal.read()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("1");
            assertThat(e.status()).isEqualTo(JournalEntry.Status.INTERRUPTED);
        });
        journal.append(new JournalEntry("3", "h", "r", "B", null, "SAFE", "APPLY", "t", List.of("S;"),
                clock.instant(), clock.instant(), JournalEntry.Status.SUCCEEDED, null, null, null));
        assertThat(journal.read()).extracting(JournalEntry::id).containsExactly("1", "3");
    }

    @Test
    void an_action_attempted_since_the_plans_facts_is_not_sent_again() {
        FileJournal journal = new FileJournal(dir.resolve("journal.jsonl"));
        var plan = new RemediationPlan(List.of(action("A", Risk.SAFE, "S1;"), action("A", Risk.SAFE, "S2;")),
                List.of());
        assertThat(executor(journal).run(plan, facts, ExecutionMode.APPLY, ExecutionLimits.explicitApply(), "auto"))
                .extracting(ActionOutcome::status).containsOnly(JournalEntry.Status.SUCCEEDED);

        // a plan from the same facts (another evaluation of them, here or on another agent): S1's effect is not in
        // those facts, so it is not sent again; S3, never attempted, runs (a skip is no lock-out of the instance)
        var again = executor(journal).run(new RemediationPlan(List.of(action("A", Risk.SAFE, "S1;"),
                action("A", Risk.SAFE, "S3;")), List.of()), facts, ExecutionMode.APPLY, ExecutionLimits.explicitApply(),
                "auto");
        assertThat(again).extracting(ActionOutcome::status).containsExactly(JournalEntry.Status.SKIPPED,
                JournalEntry.Status.SUCCEEDED);
        assertThat(again.get(0).detail()).startsWith("already succeeded by this agent at 2026-11-26T12:00:00Z")
                .contains("the next audit decides");
        assertThat(sessions.sent).containsExactly("A: S1;", "A: S2;", "A: S3;");

        // an audit after those attempts still shows the FAIL (the drift came back): that plan runs
        var later = executor(journal).run(new RemediationPlan(List.of(action("A", Risk.SAFE, "S1;")), List.of()),
                PlanBasis.at(clock.instant().plusSeconds(60)), ExecutionMode.APPLY, ExecutionLimits.explicitApply(),
                "auto");
        assertThat(later).extracting(ActionOutcome::status).containsExactly(JournalEntry.Status.SUCCEEDED);
        assertThat(sessions.sent).containsExactly("A: S1;", "A: S2;", "A: S3;", "A: S1;");
    }

    @Test
    void skipped_and_dry_run_records_are_no_attempt_and_an_unknown_basis_sends_nothing() {
        FileJournal journal = new FileJournal(dir.resolve("journal.jsonl"));
        var plan = new RemediationPlan(List.of(action("A", Risk.SAFE, "S1;")), List.of());
        sessions.locked.add("A");
        executor(journal).run(plan, facts, ExecutionMode.APPLY, ExecutionLimits.explicitApply(), "t");
        sessions.locked.clear();
        executor(journal).run(plan, facts, ExecutionMode.DRY_RUN, ExecutionLimits.explicitApply(), "t");
        assertThat(executor(journal).run(plan, facts, ExecutionMode.APPLY, ExecutionLimits.explicitApply(), "t"))
                .extracting(ActionOutcome::status).containsExactly(JournalEntry.Status.SUCCEEDED);

        var other = new RemediationPlan(List.of(action("Z", Risk.SAFE, "S9;")), List.of());
        var noFacts = new io.mirrorguard.rules.engine.AuditResult(clock.instant(),
                new io.mirrorguard.rules.model.FleetSnapshot(io.mirrorguard.rules.model.FleetSnapshot.FORMAT_VERSION,
                        clock.instant(), List.of(), List.of()), List.of(), List.of(), List.of(), List.of());
        var unknown = executor(journal).run(other, PlanBasis.of(noFacts),
                ExecutionMode.APPLY, ExecutionLimits.explicitApply(), "t");
        assertThat(unknown).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(JournalEntry.Status.SKIPPED);
            assertThat(o.detail()).contains("no facts of Z");
        });
        assertThat(sessions.sent).containsExactly("A: S1;");
    }

    @Test
    void generated_passwords_meet_the_complexity_policy() {
        for (int i = 0; i < 50; i++) {
            String pw = SecretResolver.strongPassword();
            assertThat(pw).hasSize(32).containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]")
                    .containsPattern("[!#%*+=?@^_-]").doesNotContain("'");
        }
    }
}
