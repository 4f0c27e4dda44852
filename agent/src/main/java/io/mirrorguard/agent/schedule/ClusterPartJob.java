package io.mirrorguard.agent.schedule;

import java.util.List;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An instance's job in a cluster (storage.url): each firing of the instance's own cron trigger, taken by whichever
 * agent Quartz hands it to, is a round of that one instance on that agent. Rounds spanning the fleet live in one
 * agent's memory, and their parts could fire on another agent, so a cluster schedules per instance instead; the
 * fleet is still evaluated as a whole from the shared store's facts.
 */
@DisallowConcurrentExecution
final class ClusterPartJob implements InterruptableJob {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterPartJob.class);

    private final RoundAuditor auditor;
    private Thread worker;
    private boolean interrupted;

    ClusterPartJob(RoundAuditor auditor) {
        this.auditor = auditor;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String instance = context.getMergedJobDataMap().getString(AuditJob.INSTANCE);
        synchronized (this) {
            if (interrupted) {
                return;
            }
            worker = Thread.currentThread();
        }
        try {
            auditor.begin(false, context.getScheduledFireTime().toInstant(), List.of(instance)).audit(instance);
        } catch (InterruptedException e) {
            LOG.info("audit of {} interrupted", instance);
        } catch (RuntimeException e) {
            LOG.error("audit of {} failed", instance, e);
        } finally {
            synchronized (this) {
                worker = null;
            }
            Thread.interrupted();
        }
    }

    @Override
    public synchronized void interrupt() {
        interrupted = true;
        if (worker != null) {
            worker.interrupt();
        }
    }
}
