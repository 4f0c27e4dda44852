package io.mirrorguard.agent.remediation;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.model.InstanceFacts;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * When the facts a plan was computed from were collected, per instance. An action on an instance can only be
 * judged against what the journal holds from that moment on: an attempt at the same action that started later is
 * not reflected in those facts, so running the action again would apply it twice (two agents' evaluations of the
 * same stale facts proposing the same fix). Collection start is the bound: a change made during the collection may
 * or may not have been read.
 */
public final class PlanBasis {

    private final Map<String, Instant> collectedAt;
    /** For every instance not in the map; null: unknown. */
    private final Instant otherwise;

    private PlanBasis(Map<String, Instant> collectedAt, Instant otherwise) {
        this.collectedAt = collectedAt;
        this.otherwise = otherwise;
    }

    /** The collection start of every instance's facts in {@code audit}. */
    public static PlanBasis of(AuditResult audit) {
        Map<String, Instant> m = new TreeMap<>();
        for (InstanceFacts f : audit.snapshot().instances()) {
            if (f.collection() != null && f.collection().startedAt() != null) {
                m.put(f.name().toLowerCase(Locale.ROOT), f.collection().startedAt());
            }
        }
        return new PlanBasis(m, null);
    }

    /** Every instance as of {@code at} (a plan read back from a file, whose audit is not at hand). */
    public static PlanBasis at(Instant at) {
        return new PlanBasis(Map.of(), at);
    }

    /** When {@code instance}'s facts were collected, or null when the plan's audit has none for it. */
    public Instant collectedAt(String instance) {
        return collectedAt.getOrDefault(instance.toLowerCase(Locale.ROOT), otherwise);
    }
}
