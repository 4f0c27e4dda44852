package io.mirrorguard.agent.store;

import java.time.Instant;

/**
 * When a failing finding was first and last seen, and when a later audit of its instance stopped failing it.
 *
 * @param resolvedAt null while the finding is open
 */
public record FindingLifecycle(FindingKey key, String severity, String message, Instant firstSeen, Instant lastSeen,
                               Instant resolvedAt) {
    public boolean open() {
        return resolvedAt == null;
    }
}
