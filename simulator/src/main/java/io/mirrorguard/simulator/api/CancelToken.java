package io.mirrorguard.simulator.api;

/** Set by the wire layer when an ATTENTION arrives; the engine stops at the next check. */
public final class CancelToken {
    private volatile boolean cancelled;

    public void cancel() { cancelled = true; }

    public boolean isCancelled() { return cancelled; }

    /** Sleeps up to {@code millis}, returning early when cancelled (used for the {@code slow} fault). */
    public void sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (!cancelled) {
            long left = end - System.nanoTime();
            if (left <= 0) return;
            try {
                Thread.sleep(Math.min(5, Math.max(1, left / 1_000_000L)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
