package io.mirrorguard.simulator.tds;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Listeners whose accept failed (typically EMFILE: the process is out of file descriptors) stop asking for accepts
 * for a while. A pending connection keeps a listener ready, so retrying at once would spin the accept thread on a
 * full core while every session thread competes with it (seen at 10,002 instances: 10,002 listeners plus their
 * connections exceed a 20,000-descriptor limit). Confined to the accept thread.
 */
final class AcceptBackoff {
    static final long PAUSE_NANOS = 100_000_000L;

    private final Map<SelectionKey, Long> resumeAt = new LinkedHashMap<>();

    void pause(SelectionKey key, long nowNanos) {
        key.interestOps(0);
        resumeAt.put(key, nowNanos + PAUSE_NANOS);
    }

    boolean isEmpty() {
        return resumeAt.isEmpty();
    }

    /** Listeners whose pause is over ask for accepts again. */
    void resumeDue(long nowNanos) {
        var it = resumeAt.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue() - nowNanos <= 0) {
                it.remove();
                try {
                    if (e.getKey().isValid()) {
                        e.getKey().interestOps(SelectionKey.OP_ACCEPT);
                    }
                } catch (CancelledKeyException closed) {
                    // the listener was closed meanwhile
                }
            }
        }
    }

    /** How long the selector may block: until the earliest pause ends (at least 1 ms), or 0 (no limit) if none. */
    long selectTimeoutMillis(long nowNanos) {
        long earliest = Long.MAX_VALUE;
        for (long t : resumeAt.values()) {
            earliest = Math.min(earliest, t - nowNanos);
        }
        return earliest == Long.MAX_VALUE ? 0 : Math.max(1, (earliest + 999_999) / 1_000_000);
    }
}
