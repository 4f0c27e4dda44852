package io.mirrorguard.agent.schedule;

import java.util.Properties;
import java.util.UUID;

/**
 * The one place the Quartz configuration is built (job store, thread pool, misfire threshold), so another job store
 * plugs in here and nowhere else.
 */
final class QuartzProperties {
    /**
     * A trigger later than this counts as misfired. Only the round trigger has a misfire instruction (fire once,
     * now; the instances' parts ignore misfires), so the threshold decides when a late round stops catching up
     * firing by firing: late by more than this, the firings in between are counted as skipped periods instead of
     * being run back to back.
     */
    static final long MISFIRE_THRESHOLD_MILLIS = 5_000;

    private QuartzProperties() {}

    static Properties of(ScheduleSettings settings) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "mirrorguard-" + UUID.randomUUID());
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.scheduler.interruptJobsOnShutdown", "true");
        p.setProperty("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.concurrency()));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "mirrorguard-audit");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD_MILLIS));
        return p;
    }
}
