package io.mirrorguard.agent.console;

import io.mirrorguard.rules.catalog.EndpointPresent;
import io.mirrorguard.rules.catalog.EndpointStarted;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.agent.testing.Findings;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindingHistoryTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    private static void audit(AuditStore store, int n, String instance, Finding... findings) {
        Instant at = T0.plusSeconds(3600L * n);
        AuditRun run = new AuditRun("r" + n, AuditTrigger.SCHEDULED, at, at.plusSeconds(1), List.of(instance),
                AuditRun.Outcome.SUCCESS, null);
        store.recordStarted(run);
        store.recordFinished(run, List.of(findings), Set.of(instance));
    }

    private static Finding started(Outcome o) {
        return Findings.finding(EndpointStarted.ID, "SQLA", null, o, Severity.CRITICAL);
    }

    @Test
    void replays_first_seen_resolved_and_reopened_and_an_error_changes_nothing() {
        try (AuditStore store = AuditStore.open(dir)) {
            audit(store, 0, "SQLA", started(Outcome.PASS));
            audit(store, 1, "SQLA", started(Outcome.FAIL));
            audit(store, 2, "SQLA", started(Outcome.ERROR)); // unreadable: proves nothing either way
            audit(store, 3, "SQLA", started(Outcome.PASS));
            audit(store, 4, "SQLB", Findings.fail(EndpointStarted.ID, "SQLB")); // another instance's audit
            audit(store, 5, "SQLA", started(Outcome.FAIL));

            List<FindingHistory.Event> events = FindingHistory.of(store, "SQLA");
            assertThat(events).extracting(FindingHistory.Event::kind).containsExactly(
                    FindingHistory.Kind.REOPENED, FindingHistory.Kind.RESOLVED, FindingHistory.Kind.FIRST_SEEN);
            assertThat(events).extracting(FindingHistory.Event::at)
                    .containsExactly(T0.plusSeconds(5 * 3600), T0.plusSeconds(3 * 3600), T0.plusSeconds(3600));
            assertThat(events).allSatisfy(e -> assertThat(e.ruleId()).isEqualTo(EndpointStarted.ID));
            assertThat(FindingHistory.of(store, "SQLB")).extracting(FindingHistory.Event::kind)
                    .containsExactly(FindingHistory.Kind.FIRST_SEEN);
        }
    }

    @Test
    void a_failure_that_is_no_longer_reported_is_resolved() {
        try (AuditStore store = AuditStore.open(dir)) {
            audit(store, 0, "SQLA", started(Outcome.FAIL), Findings.pass(EndpointPresent.ID, "SQLA"));
            audit(store, 1, "SQLA", Findings.pass(EndpointPresent.ID, "SQLA"));
            assertThat(FindingHistory.of(store, "SQLA")).extracting(FindingHistory.Event::kind, FindingHistory.Event::message)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(FindingHistory.Kind.RESOLVED, "no longer reported"),
                            org.assertj.core.groups.Tuple.tuple(FindingHistory.Kind.FIRST_SEEN,
                                    "endpoint-started is FAIL on SQLA/endpoint/Mirroring"));
        }
    }
}
