package io.mirrorguard.agent.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

import java.time.Duration;
import java.util.Date;

/** The cron's job: begins the round of the firing's scheduled time; it only schedules, it audits nothing. */
@DisallowConcurrentExecution
final class RoundJob implements Job {
    private final Rounds rounds;

    RoundJob(Rounds rounds) {
        this.rounds = rounds;
    }

    @Override
    public void execute(JobExecutionContext context) {
        Date scheduled = context.getScheduledFireTime();
        Date next = context.getNextFireTime();
        Duration period = next == null ? Duration.ZERO : Duration.ofMillis(next.getTime() - scheduled.getTime());
        rounds.begin(false, scheduled.toInstant(), period);
    }
}
