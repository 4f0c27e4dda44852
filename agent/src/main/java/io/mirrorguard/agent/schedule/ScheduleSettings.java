package io.mirrorguard.agent.schedule;

/**
 * @param cron          Quartz cron expression (seconds first), e.g. {@code 0 *&#47;5 * * * ?}
 * @param jitterSeconds a round's audits start spread over this window (each instance at its fixed offset in it,
 *                      at most half the period), so instances do not all start at once
 * @param concurrency   how many instances are audited at the same time (Quartz worker threads), 1..64
 * @param auditOnStart  audit every instance right after start instead of waiting for the first cron time
 */
public record ScheduleSettings(String cron, int jitterSeconds, int concurrency, boolean auditOnStart) {
    public static final int MAX_CONCURRENCY = 64;

    public ScheduleSettings {
        if (cron == null || cron.isBlank()) {
            cron = "0 */5 * * * ?";
        }
        if (jitterSeconds < 0) {
            throw new IllegalArgumentException("schedule.jitterSeconds: must be >= 0, got " + jitterSeconds);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException(
                    "schedule.concurrency: must be 1.." + MAX_CONCURRENCY + ", got " + concurrency);
        }
    }
}
