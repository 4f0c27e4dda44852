package io.mirrorguard.agent.schedule;

import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a firing into a round: asks the auditor for the round, then gives every instance a one-shot trigger at the
 * round's time plus the instance's offset. Before a new round begins, parts of earlier rounds whose triggers have not
 * fired yet are unscheduled and skipped (OVERRUN): each instance is audited at most once per period and a late
 * period never runs into the next one.
 */
final class Rounds {
    static final String GROUP = "mirrorguard-audit";
    private static final String ROUND_GROUP_PREFIX = "mirrorguard-round-";
    private static final Logger LOG = LoggerFactory.getLogger(Rounds.class);

    private final Scheduler scheduler;
    private final RoundAuditor auditor;
    private final Duration jitter;
    private final List<String> instances;
    /** Rounds that may still have parts to audit, by id; finished ones are dropped when the next round begins. */
    private final Map<String, RoundAuditor.Round> open = new ConcurrentHashMap<>();

    Rounds(Scheduler scheduler, RoundAuditor auditor, Duration jitter, List<String> instances) {
        this.scheduler = scheduler;
        this.auditor = auditor;
        this.jitter = jitter;
        this.instances = List.copyOf(instances);
    }

    static JobKey jobOf(String instance) {
        return JobKey.jobKey(instance, GROUP);
    }

    /** The round a part's trigger belongs to. */
    static String roundOf(TriggerKey trigger) {
        String group = trigger.getGroup();
        return group.startsWith(ROUND_GROUP_PREFIX) ? group.substring(ROUND_GROUP_PREFIX.length()) : "";
    }

    List<String> instances() {
        return instances;
    }

    /**
     * Begins the round of {@code scheduledAt}; {@code period} is the time to the next round (zero: none), which
     * bounds the spread of the offsets.
     */
    synchronized void begin(boolean startup, Instant scheduledAt, Duration period) {
        supersede();
        if (instances.isEmpty()) {
            return;
        }
        RoundAuditor.Round round = auditor.begin(startup, scheduledAt, instances);
        open.put(round.id(), round);
        Duration window = period.isZero() ? jitter : TriggerOffsets.window(jitter, period);
        List<String> unscheduled = new ArrayList<>();
        for (String instance : instances) {
            try {
                Date at = Date.from(scheduledAt.plus(TriggerOffsets.offset(instance, window)));
                Trigger trigger = TriggerBuilder.newTrigger()
                        .withIdentity(TriggerKey.triggerKey(instance, ROUND_GROUP_PREFIX + round.id()))
                        .forJob(jobOf(instance))
                        .startAt(at)
                        // late because every worker was busy: still this period's audit. Its original fire time
                        // is kept (not reset to "now" as FIRE_NOW would), so it keeps its place ahead of the next
                        // round's trigger: a round begins only once every part of the previous one has started
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                .withMisfireHandlingInstructionIgnoreMisfires())
                        .build();
                scheduler.scheduleJob(trigger);
            } catch (SchedulerException e) {
                LOG.error("round {}: the audit of {} could not be scheduled: {}", round.id(), instance, e.getMessage());
                unscheduled.add(instance);
            }
        }
        if (!unscheduled.isEmpty()) {
            // it cannot start this period: counted like a part the period ended before, so the round still closes
            round.skip(unscheduled, SkipReason.OVERRUN);
        }
    }

    /** Skips the parts of earlier rounds that have not started; forgets finished rounds. */
    private void supersede() {
        for (RoundAuditor.Round earlier : List.copyOf(open.values())) {
            List<String> notStarted = new ArrayList<>();
            for (String instance : earlier.pending()) {
                try {
                    // false: the trigger has fired and the part is starting; it is audited in its round
                    if (scheduler.unscheduleJob(TriggerKey.triggerKey(instance, ROUND_GROUP_PREFIX + earlier.id()))) {
                        notStarted.add(instance);
                    }
                } catch (SchedulerException e) {
                    LOG.warn("round {}: trigger of {} not removed: {}", earlier.id(), instance, e.getMessage());
                }
            }
            if (!notStarted.isEmpty()) {
                earlier.skip(notStarted, SkipReason.OVERRUN);
            }
            if (earlier.finished()) {
                open.remove(earlier.id());
            }
        }
    }

    /** Runs one instance's part of a round (from its job). */
    void audit(String instance, String roundId) throws InterruptedException {
        RoundAuditor.Round round = open.get(roundId);
        if (round == null || !round.audit(instance)) {
            LOG.debug("{}: no pending audit in round {}", instance, roundId);
        }
    }

    /** Whole periods lost (misfired cron firings): every instance skipped {@code periods} times. */
    void lost(int periods) {
        if (periods > 0) {
            auditor.skipped(instances, SkipReason.MISFIRE, periods);
        }
    }
}
