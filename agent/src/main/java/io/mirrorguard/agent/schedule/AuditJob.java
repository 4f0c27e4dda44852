package io.mirrorguard.agent.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

/** An instance's job on one agent: the trigger that fired it names the fleet round this is a part of. */
@DisallowConcurrentExecution
final class AuditJob extends InstanceJob {
    private final Rounds rounds;

    AuditJob(Rounds rounds) {
        this.rounds = rounds;
    }

    @Override
    protected void audit(String instance, JobExecutionContext context) throws InterruptedException {
        rounds.audit(instance, Rounds.roundOf(context.getTrigger().getKey()));
    }
}
