package io.mirrorguard.agent.schedule;

import java.util.List;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

/**
 * An instance's job in a cluster (storage.url): each firing of the instance's own cron trigger, taken by whichever
 * agent Quartz hands it to, is a round of that one instance on that agent. Rounds spanning the fleet live in one
 * agent's memory, and their parts could fire on another agent, so a cluster schedules per instance instead; the
 * fleet is still evaluated as a whole from the shared store's facts.
 */
@DisallowConcurrentExecution
final class ClusterPartJob extends InstanceJob {
    private final RoundAuditor auditor;

    ClusterPartJob(RoundAuditor auditor) {
        this.auditor = auditor;
    }

    @Override
    protected void audit(String instance, JobExecutionContext context) throws InterruptedException {
        auditor.begin(false, context.getScheduledFireTime().toInstant(), List.of(instance)).audit(instance);
    }
}
