package io.mirrorguard.agent.store;

import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.mirrorguard.agent.testing.Findings.fail;
import static io.mirrorguard.agent.testing.Findings.finding;
import static io.mirrorguard.agent.testing.Findings.pass;
import static org.assertj.core.api.Assertions.assertThat;

class AuditStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path dir;

    private static AuditRun finished(String id, Instant at, String... instances) {
        return new AuditRun(id, AuditTrigger.SCHEDULED, at, at.plusSeconds(2), List.of(instances),
                AuditRun.Outcome.SUCCESS, null);
    }

    @Test
    void a_recorded_run_and_its_findings_read_back_after_reopening() {
        try (AuditStore store = AuditStore.open(dir)) {
            store.recordStarted(new AuditRun("r1", AuditTrigger.ON_DEMAND, T0, null, List.of("SQLA", "SQLB"),
                    AuditRun.Outcome.RUNNING, null));
            store.recordFinished(new AuditRun("r1", AuditTrigger.ON_DEMAND, T0, T0.plusSeconds(3),
                            List.of("SQLA", "SQLB"), AuditRun.Outcome.FAILURE, "SQLB: UNREACHABLE"),
                    List.of(fail("cert-expired", "SQLA"), finding("peer-trust", "SQLA", "SQLB", Outcome.ERROR,
                            Severity.CRITICAL)), Set.of("SQLA"));
        }
        try (AuditStore store = AuditStore.open(dir)) {
            AuditRun run = store.run("r1").orElseThrow();
            assertThat(run.outcome()).isEqualTo(AuditRun.Outcome.FAILURE);
            assertThat(run.instances()).containsExactly("SQLA", "SQLB");
            assertThat(run.finishedAt()).isEqualTo(T0.plusSeconds(3));
            assertThat(run.detail()).isEqualTo("SQLB: UNREACHABLE");
            assertThat(store.findingsOf("r1")).extracting(StoredFinding::ruleId, StoredFinding::peer,
                            StoredFinding::outcome)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("cert-expired", null, "FAIL"),
                            org.assertj.core.groups.Tuple.tuple("peer-trust", "SQLB", "ERROR"));
            assertThat(store.run("nope")).isEmpty();
        }
    }

    /** A fleet audit lists every instance: 10,000 of them must fit (VARCHAR(8000) refused ~450 and up). */
    @Test
    void a_run_of_ten_thousand_instances_is_stored_and_read_back() {
        List<String> names = java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> String.format("M%05dA", i)).toList();
        try (AuditStore store = AuditStore.open(dir)) {
            store.recordFinished(new AuditRun("big", AuditTrigger.ON_DEMAND, T0, T0.plusSeconds(60), names,
                    AuditRun.Outcome.SUCCESS, null), List.of(), Set.copyOf(names));
        }
        try (AuditStore store = AuditStore.open(dir)) {
            assertThat(store.run("big").orElseThrow().instances()).isEqualTo(names);
        }
    }

    @Test
    void a_write_from_an_interrupted_audit_thread_does_not_break_the_store() throws Exception {
        try (AuditStore store = AuditStore.open(dir)) {
            Thread writer = new Thread(() -> {
                Thread.currentThread().interrupt();
                store.recordFinished(finished("r1", T0, "SQLA"), List.of(fail("rule-x", "SQLA")), Set.of("SQLA"));
            });
            writer.start();
            writer.join();
            store.recordFinished(finished("r2", T0.plusSeconds(60), "SQLA"), List.of(fail("rule-x", "SQLA")),
                    Set.of("SQLA"));
            assertThat(store.recentRuns(10)).extracting(AuditRun::id).containsExactlyInAnyOrder("r1", "r2");
        }
        try (AuditStore reopened = AuditStore.open(dir)) {
            assertThat(reopened.recentRuns(10)).hasSize(2);
        }
    }

    @Test
    void a_finding_is_first_seen_then_last_seen_then_resolved_when_it_passes() {
        try (AuditStore store = AuditStore.open(dir)) {
            store.recordFinished(finished("r1", T0, "SQLA"), List.of(fail("rule-x", "SQLA")), Set.of("SQLA"));
            store.recordFinished(finished("r2", T0.plusSeconds(60), "SQLA"), List.of(fail("rule-x", "SQLA")),
                    Set.of("SQLA"));
            FindingLifecycle open = store.lifecycles().get(0);
            assertThat(open.firstSeen()).isEqualTo(T0.plusSeconds(2));
            assertThat(open.lastSeen()).isEqualTo(T0.plusSeconds(62));
            assertThat(open.open()).isTrue();

            store.recordFinished(finished("r3", T0.plusSeconds(120), "SQLA"), List.of(pass("rule-x", "SQLA")),
                    Set.of("SQLA"));
            FindingLifecycle resolved = store.lifecycles().get(0);
            assertThat(resolved.resolvedAt()).isEqualTo(T0.plusSeconds(122));
            assertThat(resolved.firstSeen()).isEqualTo(T0.plusSeconds(2));
        }
    }

    @Test
    void an_unreadable_instance_or_another_instance_audit_does_not_resolve_a_finding() {
        try (AuditStore store = AuditStore.open(dir)) {
            store.recordFinished(finished("r1", T0, "SQLA"), List.of(fail("rule-x", "SQLA")), Set.of("SQLA"));
            // SQLA could not be read: its rule now says ERROR
            store.recordFinished(finished("r2", T0.plusSeconds(60), "SQLA"),
                    List.of(finding("rule-x", "SQLA", null, Outcome.ERROR, Severity.HIGH)), Set.of("SQLA"));
            // an audit of SQLB only, whose evaluation no longer lists SQLA's finding
            store.recordFinished(finished("r3", T0.plusSeconds(90), "SQLB"), List.of(pass("rule-x", "SQLB")),
                    Set.of("SQLB"));
            assertThat(store.lifecycles()).singleElement().satisfies(l -> assertThat(l.open()).isTrue());
        }
    }

    @Test
    void a_resolved_finding_that_fails_again_is_reopened() {
        try (AuditStore store = AuditStore.open(dir)) {
            store.recordFinished(finished("r1", T0, "SQLA"), List.of(fail("rule-x", "SQLA")), Set.of("SQLA"));
            store.recordFinished(finished("r2", T0.plusSeconds(60), "SQLA"), List.of(), Set.of("SQLA"));
            assertThat(store.lifecycles().get(0).open()).isFalse();
            store.recordFinished(finished("r3", T0.plusSeconds(120), "SQLA"), List.of(fail("rule-x", "SQLA")),
                    Set.of("SQLA"));
            FindingLifecycle l = store.lifecycles().get(0);
            assertThat(l.open()).isTrue();
            assertThat(l.lastSeen()).isEqualTo(T0.plusSeconds(122));
        }
    }

    @Test
    void retention_deletes_old_runs_with_their_findings_and_keeps_recent_ones() {
        try (AuditStore store = AuditStore.open(dir)) {
            store.recordFinished(finished("old", T0.minus(Duration.ofDays(40)), "SQLA"),
                    List.of(fail("rule-x", "SQLA")), Set.of("SQLA"));
            store.recordFinished(finished("new", T0.minus(Duration.ofDays(1)), "SQLA"),
                    List.of(fail("rule-x", "SQLA")), Set.of("SQLA"));
            int deleted = store.applyRetention(Duration.ofDays(30), T0);
            assertThat(deleted).isEqualTo(1);
            assertThat(store.run("old")).isEmpty();
            assertThat(store.findingsOf("old")).isEmpty();
            assertThat(store.run("new")).isPresent();
            assertThat(store.findingsOf("new")).hasSize(1);
            assertThat(store.recentRuns(10)).extracting(AuditRun::id).containsExactly("new");
        }
    }

    @Test
    void findings_with_the_same_key_in_one_run_keep_the_fail() {
        Finding a = fail("rule-x", "SQLA");
        Finding b = pass("rule-x", "SQLA");
        try (AuditStore store = AuditStore.open(dir)) {
            store.recordFinished(finished("r1", T0, "SQLA"), List.of(b, a), Set.of("SQLA"));
            assertThat(store.lifecycles()).singleElement().satisfies(l -> assertThat(l.open()).isTrue());
        }
    }
}
