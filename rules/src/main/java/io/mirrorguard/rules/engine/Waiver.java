package io.mirrorguard.rules.engine;

import java.time.LocalDate;

/**
 * An accepted risk: FAILs of {@code rule} on {@code instance} (and {@code peer}, when given) stay visible but
 * do not count, until the end of {@code expires} (UTC date).
 *
 * @param peer null to cover every peer (and findings without a peer)
 */
public record Waiver(String rule, String instance, String peer, String reason, LocalDate expires) {

    public boolean covers(Finding f) {
        return rule.equals(f.ruleId()) && instance.equalsIgnoreCase(f.instance())
                && (peer == null || peer.equalsIgnoreCase(f.peer()));
    }

    /** Valid through the whole of its expiry day. */
    public boolean expiredOn(LocalDate day) {
        return day.isAfter(expires);
    }
}
