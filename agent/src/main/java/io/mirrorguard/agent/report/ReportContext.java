package io.mirrorguard.agent.report;

import io.mirrorguard.agent.store.FindingLifecycle;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a report needs beyond the audit result.
 *
 * @param toolVersion  mirrorguard's version, printed in every format
 * @param generatedAt  the report's timestamp (all formats of one report share it)
 * @param source       the config file the fleet came from, as the user named it; null for a snapshot audit
 * @param lifecycle    finding history by fingerprint, from the daemon's store; empty when unknown
 */
public record ReportContext(String toolVersion, Instant generatedAt, String source,
                            Map<String, FindingLifecycle> lifecycle) {

    public ReportContext {
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(generatedAt, "generatedAt");
        lifecycle = lifecycle == null ? Map.of() : Map.copyOf(lifecycle);
    }

    public static ReportContext of(String toolVersion) {
        return new ReportContext(toolVersion, Instant.now(), null, Map.of());
    }

    public ReportContext withSource(String newSource) {
        return new ReportContext(toolVersion, generatedAt, newSource, lifecycle);
    }

    /** Attaches the store's history, keyed by each finding's fingerprint. */
    public ReportContext withLifecycle(Collection<FindingLifecycle> history) {
        Map<String, FindingLifecycle> byFingerprint = new HashMap<>();
        for (FindingLifecycle l : history) {
            // the store keeps absent peer/subject as "", which the fingerprint treats like null
            byFingerprint.put(Fingerprint.of(l.key().ruleId(), l.key().instance(), l.key().peer(), l.key().subject()),
                    l);
        }
        return new ReportContext(toolVersion, generatedAt, source, byFingerprint);
    }
}
