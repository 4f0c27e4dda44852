package io.mirrorguard.agent.metrics;

import java.time.Instant;

/**
 * An instance's newest collection as the cluster's shared facts record it, whichever agent collected it: what the
 * instance's owner exports as {@code mirrorguard_instance_up}, {@code _audit_duration_seconds} and
 * {@code _audit_last_success_timestamp_seconds}.
 *
 * @param up          the collection read the whole catalog
 * @param lastSuccess end of the last collection by any agent that did; null when none did (the series is absent)
 */
public record SharedCollection(boolean up, double seconds, Instant lastSuccess) {}
