package io.mirrorguard.agent.schedule;

import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every instance's Quartz job shares: its data map holds only the instance name; interrupting it (shutdown)
 * interrupts the audit, which cancels the running collection; a failure is logged, never thrown into Quartz.
 */
abstract class InstanceJob implements InterruptableJob {
    static final String INSTANCE = "instance";
    private static final Logger LOG = LoggerFactory.getLogger(InstanceJob.class);

    private Thread worker;
    private boolean interrupted;

    /** Audits {@code instance} for this firing. */
    protected abstract void audit(String instance, JobExecutionContext context) throws InterruptedException;

    @Override
    public final void execute(JobExecutionContext context) {
        String instance = context.getMergedJobDataMap().getString(INSTANCE);
        synchronized (this) {
            if (interrupted) {
                return;
            }
            worker = Thread.currentThread();
        }
        try {
            audit(instance, context);
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
    public final synchronized void interrupt() {
        interrupted = true;
        if (worker != null) {
            worker.interrupt();
        }
    }
}
