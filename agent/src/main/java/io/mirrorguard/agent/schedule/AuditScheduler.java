package io.mirrorguard.agent.schedule;

import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * Runs the audits on the configured cron, behind this one class so nothing else sees Quartz. Each cron firing begins
 * a round ({@link RoundAuditor}); each instance's part of it is a one-shot trigger of the instance's job at the
 * firing time plus the instance's fixed offset within the jitter window ({@link TriggerOffsets}), so a round's
 * audits are spread without any worker sleeping. Misfires are handled so that no period is lost silently:
 * <ul>
 * <li>the round trigger fires once, now, when it is late (never DO_NOTHING, which dropped periods without a trace);
 *     the periods it missed entirely are logged and counted as skipped, MISFIRE ({@link MissedFirings});</li>
 * <li>an instance's part that is late (every worker busy) keeps its original fire time (misfires ignored): it is
 *     still that period's audit, and as Quartz fires triggers in fire-time order it starts before the next round
 *     begins. Work that outgrows the period therefore delays the next round (counted as MISFIRE once it is a
 *     whole period late) instead of piling up;</li>
 * <li>a part that has still not started when the next round begins is skipped and counted (OVERRUN).</li>
 * </ul>
 * One job per instance whose data is only the instance name, at most one run per instance at a time, a worker pool
 * of the configured concurrency, and a shutdown that interrupts running audits and waits for them.
 */
public final class AuditScheduler implements AutoCloseable {
    private static final JobKey ROUND_JOB = JobKey.jobKey("round", Rounds.GROUP + "-cron");
    private static final TriggerKey ROUND_TRIGGER = TriggerKey.triggerKey("round", Rounds.GROUP + "-cron");

    private final ScheduleSettings settings;
    private final RoundAuditor auditor;
    private final CronExpression cron;
    private final Scheduler scheduler;
    private volatile Rounds rounds;

    public AuditScheduler(ScheduleSettings settings, RoundAuditor auditor) {
        this.settings = settings;
        this.auditor = auditor;
        try {
            this.cron = new CronExpression(settings.cron());
        } catch (ParseException e) {
            throw new IllegalArgumentException("schedule.cron: not a valid Quartz cron expression: " + settings.cron());
        }
        try {
            scheduler = new StdSchedulerFactory(QuartzProperties.of(settings)).getScheduler();
            scheduler.setJobFactory((bundle, s) -> bundle.getJobDetail().getKey().equals(ROUND_JOB)
                    ? new RoundJob(rounds) : new AuditJob(rounds));
        } catch (SchedulerException e) {
            throw new IllegalStateException("scheduler could not be created: " + e.getMessage(), e);
        }
    }

    /** Registers one job per instance and the cron, starts firing, and begins the start-up round if configured. */
    public void start(Collection<String> instances) {
        rounds = new Rounds(scheduler, auditor, Duration.ofSeconds(settings.jitterSeconds()), List.copyOf(instances));
        try {
            for (String instance : rounds.instances()) {
                scheduler.addJob(JobBuilder.newJob(AuditJob.class)
                        .withIdentity(Rounds.jobOf(instance))
                        .usingJobData(AuditJob.INSTANCE, instance)
                        .storeDurably()
                        .build(), true);
            }
            scheduler.getListenerManager().addTriggerListener(new MissedFirings(ROUND_TRIGGER, cron, rounds),
                    GroupMatcher.anyTriggerGroup());
            Instant now = Instant.now();
            Date first = cron.getNextValidTimeAfter(Date.from(now));
            if (first != null) {
                // from the first firing after now: Quartz would otherwise fire a cron time up to a second in the past
                scheduler.scheduleJob(JobBuilder.newJob(RoundJob.class).withIdentity(ROUND_JOB).build(),
                        TriggerBuilder.newTrigger()
                                .withIdentity(ROUND_TRIGGER)
                                .startAt(first)
                                .withSchedule(CronScheduleBuilder.cronSchedule(cron)
                                        .withMisfireHandlingInstructionFireAndProceed())
                                .build());
            }
            if (settings.auditOnStart()) {
                // before the scheduler runs, and spread within half the time to the first cron firing: every part
                // of the start-up round is due, and fires, before the first cron round can supersede it
                rounds.begin(true, now, first == null ? Duration.ZERO : Duration.between(now, first.toInstant()));
            }
            scheduler.start();
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

    /** The cron trigger, for inspection. */
    CronTrigger roundTrigger() throws SchedulerException {
        // null when the cron never fires again
        return (CronTrigger) scheduler.getTrigger(ROUND_TRIGGER);
    }

    /** Stops firing without shutting down, as a suspended process would (tests of misfire handling). */
    void standby() throws SchedulerException {
        scheduler.standby();
    }

    void resume() throws SchedulerException {
        scheduler.start();
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
