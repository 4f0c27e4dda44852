package io.mirrorguard.agent.config;

/**
 * When audits run.
 *
 * @param cron          Quartz cron expression (seconds first)
 * @param jitterSeconds a round's audits start spread over this window (fixed offset per instance, at most half the period)
 * @param concurrency   instances collected in parallel
 */
public record ScheduleConfig(String cron, int jitterSeconds, int concurrency) {

    public static final String DEFAULT_CRON = "0 */5 * * * ?";

    public static ScheduleConfig defaults() {
        return new ScheduleConfig(DEFAULT_CRON, 0, 4);
    }
}
