package io.mirrorguard.agent.schedule;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/**
 * Runs each instance's audit on the configured cron, behind this one class so nothing else sees Quartz: in-memory
 * job store (or a cluster's, {@link QuartzStoreProperties}), one job per instance, a worker pool of the configured concurrency, misfires skipped (no catch-up
 * stampede after a pause), and a shutdown that interrupts running audits and waits for them.
 */
public final class AuditScheduler implements AutoCloseable {
    private static final String GROUP = "mirrorguard-audit";

    private final ScheduleSettings settings;
    private final Scheduler scheduler;
    private final List<JobKey> jobs = new ArrayList<>();

    public AuditScheduler(ScheduleSettings settings, InstanceAuditor auditor) {
        this(settings, auditor, QuartzStoreProperties.inMemory());
    }

    /** @param store the job store's properties: {@link QuartzStoreProperties} in memory or clustered */
    public AuditScheduler(ScheduleSettings settings, InstanceAuditor auditor, Properties store) {
        this.settings = settings;
        if (!org.quartz.CronExpression.isValidExpression(settings.cron())) {
            throw new IllegalArgumentException("schedule.cron: not a valid Quartz cron expression: " + settings.cron());
        }
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.scheduler.interruptJobsOnShutdown", "true");
        p.setProperty("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.concurrency()));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "mirrorguard-audit");
        p.putAll(store);
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        try {
            scheduler = new StdSchedulerFactory(p).getScheduler();
            // agents of one cluster share a scheduler name; unlisted, several can run in one process (tests)
            org.quartz.impl.SchedulerRepository.getInstance().remove(scheduler.getSchedulerName());
            scheduler.setJobFactory((bundle, s) -> new AuditJob(auditor, settings.jitterSeconds()));
        } catch (SchedulerException e) {
            throw new IllegalStateException("scheduler could not be created: " + e.getMessage(), e);
        }
    }

    /** Schedules one job per instance and starts running them. */
    public void start(Collection<String> instances) {
        try {
            for (String instance : instances) {
                JobKey key = JobKey.jobKey(instance, GROUP);
                JobDetail job = JobBuilder.newJob(AuditJob.class)
                        .withIdentity(key)
                        .usingJobData(AuditJob.INSTANCE, instance)
                        .build();
                CronTrigger trigger = TriggerBuilder.newTrigger()
                        .withIdentity(instance, GROUP)
                        .withSchedule(CronScheduleBuilder.cronSchedule(settings.cron())
                                .withMisfireHandlingInstructionDoNothing())
                        .build();
                // replace: in a clustered store the job may already be there, scheduled by another agent
                scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
                jobs.add(key);
            }
            scheduler.start();
            if (settings.auditOnStart()) {
                for (JobKey key : jobs) {
                    scheduler.triggerJob(key);
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("scheduler could not start: " + e.getMessage(), e);
        }
    }

    public boolean isRunning() {
        try {
            return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** The trigger of one instance's job, for inspection. */
    CronTrigger trigger(String instance) throws SchedulerException {
        return (CronTrigger) scheduler.getTrigger(org.quartz.TriggerKey.triggerKey(instance, GROUP));
    }

    /** Stops firing, interrupts running audits and waits for them to return. */
    public void shutdown() {
        try {
            if (!scheduler.isShutdown()) {
                scheduler.shutdown(true);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("scheduler shutdown failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        shutdown();
    }
}
