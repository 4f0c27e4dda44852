package io.mirrorguard.agent.report;

import java.time.Instant;
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

    public ReportContext withLifecycle(Map<String, FindingLifecycle> history) {
        return new ReportContext(toolVersion, generatedAt, source, history);
    }
}
