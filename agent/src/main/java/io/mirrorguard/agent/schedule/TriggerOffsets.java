package io.mirrorguard.agent.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.CRC32C;

/**
 * Where in a round each instance starts: a fixed offset per instance name within the jitter window, so a round's
 * audits are spread over the window instead of all starting at the cron time, and no worker thread ever sleeps.
 * Deterministic, so an instance is audited at the same point of every period (even intervals between its audits)
 * and two agents started at different times agree.
 */
public final class TriggerOffsets {
    private TriggerOffsets() {}

    /** The offset of {@code instance} in {@code [0, window)}; zero when the window is zero. */
    public static Duration offset(String instance, Duration window) {
        long millis = window.toMillis();
        if (millis <= 0) {
            return Duration.ZERO;
        }
        CRC32C crc = new CRC32C();
        crc.update(instance.getBytes(StandardCharsets.UTF_8));
        return Duration.ofMillis(Long.remainderUnsigned(mix(crc.getValue()), millis));
    }

    /**
     * The window a round's offsets use: the configured jitter, but never more than half of the round's period, so
     * a round's last audits start well before the next round is due.
     */
    public static Duration window(Duration jitter, Duration period) {
        Duration half = period.dividedBy(2);
        return jitter.compareTo(half) <= 0 ? jitter : half.isNegative() ? Duration.ZERO : half;
    }

    /** Spreads close checksums (names differing in one character) over the whole 64-bit range (murmur3 fmix64). */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
