package io.mirrorguard.agent.schedule;

import org.quartz.CronExpression;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.listeners.TriggerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Date;

/**
 * Reports misfires of the round trigger, which then fires once, now: the periods whose firings were missed before
 * that one are logged and counted as skipped (MISFIRE) for every instance. (Instances' parts ignore misfires, so
 * they never reach this listener.)
 */
final class MissedFirings extends TriggerListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(MissedFirings.class);
    /** Beyond this many periods, counting stops (a one-second cron after a week's suspend). */
    static final int MAX_COUNTED = 100_000;

    private final TriggerKey roundTrigger;
    private final CronExpression cron;
    private final Rounds rounds;

    MissedFirings(TriggerKey roundTrigger, CronExpression cron, Rounds rounds) {
        this.roundTrigger = roundTrigger;
        this.cron = cron;
        this.rounds = rounds;
    }

    @Override
    public String getName() {
        return "mirrorguard-missed-firings";
    }

    /** Called with the trigger as it was before the misfire instruction was applied: its next fire time is the missed one. */
    @Override
    public void triggerMisfired(Trigger trigger) {
        Date missed = trigger.getNextFireTime();
        if (missed == null) {
            return;
        }
        if (!trigger.getKey().equals(roundTrigger)) {
            return;
        }
        Date now = new Date();
        Duration late = Duration.ofMillis(now.getTime() - missed.getTime());
        int lost = lostPeriods(cron, missed, now);
        LOG.warn("the round due at {} fires {} s late; {} earlier period(s) were missed and are counted as skipped",
                missed.toInstant(), late.toSeconds(), lost);
        rounds.lost(lost);
    }

    /**
     * Periods missed entirely: the cron's firings from {@code missed} up to {@code now}, less the one that runs now
     * in their place.
     */
    static int lostPeriods(CronExpression cron, Date missed, Date now) {
        int firings = 0;
        for (Date t = missed; t != null && !t.after(now) && firings <= MAX_COUNTED; t = cron.getNextValidTimeAfter(t)) {
            firings++;
        }
        return Math.max(0, firings - 1);
    }
}
