package io.mirrorguard.agent.console;

import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.agent.store.FindingKey;
import io.mirrorguard.agent.store.StoredFinding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An instance's failing findings over time, replayed from the audit runs the store keeps: when each first failed,
 * when an audit of the instance stopped failing it (resolved), and when it failed again (reopened).
 */
final class FindingHistory {
    /** How many recent runs to replay; older history is summarised by the store's retention anyway. */
    static final int RUNS = 500;

    enum Kind { FIRST_SEEN, RESOLVED, REOPENED }

    record Event(Instant at, Kind kind, String ruleId, String subject, String severity, String message) {
        public String label() {
            return switch (kind) {
                case FIRST_SEEN -> "first seen";
                case RESOLVED -> "resolved";
                case REOPENED -> "reopened";
            };
        }

        public String css() {
            return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public String when() {
            return Formats.time(at);
        }
    }

    private FindingHistory() {}

    /** Newest first. */
    static List<Event> of(AuditStore store, String instance) {
        List<AuditRun> runs = new ArrayList<>(store.recentRuns(RUNS));
        runs.sort((a, b) -> a.startedAt().compareTo(b.startedAt()));
        Map<FindingKey, Boolean> failing = new HashMap<>();
        List<Event> events = new ArrayList<>();
        for (AuditRun run : runs) {
            if (!run.instances().isEmpty() && !run.instances().contains(instance)) {
                continue;
            }
            Map<FindingKey, StoredFinding> seen = new HashMap<>();
            for (StoredFinding f : store.findingsOf(run.id())) {
                if (instance.equals(f.instance())) {
                    seen.put(new FindingKey(f.ruleId(), f.instance(), f.peer(), f.subject()), f);
                }
            }
            if (seen.isEmpty()) {
                continue; // the instance was not evaluated in this run: nothing is known, nothing changes
            }
            for (var e : seen.entrySet()) {
                StoredFinding f = e.getValue();
                boolean fails = "FAIL".equals(f.outcome());
                Boolean before = failing.get(e.getKey());
                if (fails && before == null) {
                    events.add(event(run, Kind.FIRST_SEEN, f));
                } else if (fails && !before) {
                    events.add(event(run, Kind.REOPENED, f));
                } else if (!fails && Boolean.TRUE.equals(before) && !"ERROR".equals(f.outcome())) {
                    events.add(event(run, Kind.RESOLVED, f));
                }
                // an ERROR says nothing about the failure, so it neither resolves nor reopens it
                if (!"ERROR".equals(f.outcome()) && (fails || before != null)) {
                    failing.put(e.getKey(), fails);
                }
            }
            for (var e : failing.entrySet()) {
                if (e.getValue() && !seen.containsKey(e.getKey())) {
                    e.setValue(false);
                    events.add(new Event(run.startedAt(), Kind.RESOLVED, e.getKey().ruleId(),
                            e.getKey().subject(), "", "no longer reported"));
                }
            }
        }
        events.sort((a, b) -> b.at().compareTo(a.at()));
        return events;
    }

    private static Event event(AuditRun run, Kind kind, StoredFinding f) {
        return new Event(run.startedAt(), kind, f.ruleId(), f.subject(), f.severity(), f.message());
    }
}
