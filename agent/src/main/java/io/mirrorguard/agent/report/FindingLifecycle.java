package io.mirrorguard.agent.report;

import java.time.Instant;

/**
 * What the daemon's store knows about a finding across audits; absent for one-shot CLI audits.
 *
 * @param firstSeen when this fingerprint first showed its current outcome
 * @param lastSeen  the latest audit that reported it
 */
public record FindingLifecycle(Instant firstSeen, Instant lastSeen) {}
