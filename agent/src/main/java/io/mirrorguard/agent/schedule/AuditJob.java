package io.mirrorguard.agent.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The Quartz job of one instance. Its data map holds only the instance name; one run per instance at a time;
 * interrupting it (shutdown) interrupts the audit, which cancels the running collection.
 */
@DisallowConcurrentExecution
final class AuditJob implements InterruptableJob {
    static final String INSTANCE = "instance";
    private static final Logger LOG = LoggerFactory.getLogger(AuditJob.class);

    private final InstanceAuditor auditor;
    private final int jitterSeconds;
    private Thread worker;
    private boolean interrupted;

    AuditJob(InstanceAuditor auditor, int jitterSeconds) {
        this.auditor = auditor;
        this.jitterSeconds = jitterSeconds;
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
            if (jitterSeconds > 0) {
                TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(jitterSeconds * 1000L + 1));
            }
            auditor.audit(instance);
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
