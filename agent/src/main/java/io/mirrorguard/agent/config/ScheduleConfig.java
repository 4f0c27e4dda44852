package io.mirrorguard.agent.config;

/**
 * When audits run.
 *
 * @param cron          Quartz cron expression (seconds first)
 * @param jitterSeconds random delay 0..jitterSeconds added to each run so fleets of agents do not align
 * @param concurrency   instances collected in parallel
 */
public record ScheduleConfig(String cron, int jitterSeconds, int concurrency) {

    public static final String DEFAULT_CRON = "0 */5 * * * ?";

    public static ScheduleConfig defaults() {
        return new ScheduleConfig(DEFAULT_CRON, 0, 4);
    }
}
