package io.mirrorguard.agent.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job of one instance: its data map holds only the instance name; the trigger that fired it names the
 * round. One run per instance at a time; interrupting it (shutdown) interrupts the audit, which cancels the running
 * collection.
 */
@DisallowConcurrentExecution
final class AuditJob implements InterruptableJob {
    static final String INSTANCE = "instance";
    private static final Logger LOG = LoggerFactory.getLogger(AuditJob.class);

    private final Rounds rounds;
    private Thread worker;
    private boolean interrupted;

    AuditJob(Rounds rounds) {
        this.rounds = rounds;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String instance = context.getMergedJobDataMap().getString(INSTANCE);
        synchronized (this) {
            if (interrupted) {
                return;
            }
            worker = Thread.currentThread();
        }
        try {
            rounds.audit(instance, Rounds.roundOf(context.getTrigger().getKey()));
        } catch (InterruptedException e) {
            LOG.info("audit of {} interrupted", instance);
        } catch (RuntimeException e) {
            LOG.error("audit of {} failed", instance, e);
        } finally {
            synchronized (this) {
                worker = null;
            }
            // the pooled Quartz thread runs other jobs next: do not leave an interrupt behind
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
