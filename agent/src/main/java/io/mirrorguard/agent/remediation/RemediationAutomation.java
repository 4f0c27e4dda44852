package io.mirrorguard.agent.remediation;

import io.mirrorguard.rules.catalog.StaleEndpointTrust;
import io.mirrorguard.agent.config.RemediationConfig;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.remediation.PlanOptions;
import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.RemediationPlan;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automatic mode: off unless {@code remediation.enabled}; then, after an audit, the fixes for allowlisted rules on
 * allowlisted instances run (an empty allowlist allows nothing). SAFE fixes run after any audit; DISRUPTIVE ones
 * only inside a configured maintenance window (no window: never). Per-run and per-instance limits and the
 * consecutive-error stop apply. Runs one at a time; an audit finishing while a run is under way does not start
 * another.
 */
public final class RemediationAutomation {

    private static final Logger LOG = LoggerFactory.getLogger(RemediationAutomation.class);
    public static final String TRIGGER = "automatic";

    private final RemediationConfig config;
    private final RemediationService service;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    public RemediationAutomation(RemediationConfig config, RemediationService service, Clock clock) {
        this.config = config;
        this.service = service;
        this.clock = clock;
        if (config.enabled() && (config.rules().isEmpty() || config.instances().isEmpty())) {
            LOG.warn("remediation.enabled is true but remediation.{} is empty: automatic mode fixes nothing "
                    + "(the allowlists name what may be fixed; empty means none)",
                    config.rules().isEmpty() ? "rules" : "instances");
        }
    }

    /** Whether a run is under way (its own verifying audits must not start another). */
    public boolean isRunning() {
        return running.isHeldByCurrentThread();
    }

    /** The automatic plan for an audit: allowlisted rules and instances only; disruptive only in a window. */
    public RemediationPlan plan(AuditResult audit) {
        if (config.rules().isEmpty() || config.instances().isEmpty()) {
            return new RemediationPlan(List.of(), List.of());
        }
        boolean window = config.inMaintenanceWindow(clock.instant());
        PlanOptions options = new PlanOptions(config.rules(), config.instances(), window,
                window && config.rules().contains(StaleEndpointTrust.ID), config.backupPath());
        RemediationPlan plan = service.plan(audit, options);
        // the planner already selects by allowlist; filtering again keeps a planner change from widening it
        List<RemediationAction> allowed = plan.actions().stream()
                .filter(a -> config.allows(a.ruleId(), a.instance()))
                .toList();
        return new RemediationPlan(allowed, plan.skipped());
    }

    public ExecutionLimits limits() {
        return new ExecutionLimits(config.maxFixesPerRun(), config.maxFixesPerInstance(),
                config.stopAfterConsecutiveErrors(), config.inMaintenanceWindow(clock.instant()));
    }

    /** After an audit: runs the automatic plan, if enabled and not already running. */
    public Optional<RemediationService.ApplyResult> afterAudit(AuditResult audit) {
        if (!config.enabled() || audit == null || running.isHeldByCurrentThread() || !running.tryLock()) {
            return Optional.empty();
        }
        try {
            RemediationPlan plan = plan(audit);
            if (plan.isEmpty()) {
                return Optional.empty();
            }
            RemediationService.ApplyResult result =
                    service.run(new RemediationService.Planned(audit, plan), limits(), TRIGGER);
            long fixed = result.actions().stream().filter(RemediationService.ActionReport::fixed).count();
            LOG.info("automatic remediation: {} of {} action(s) fixed their finding (plan {})", fixed,
                    result.actions().size(), plan.hash());
            return Optional.of(result);
        } finally {
            running.unlock();
        }
    }
}
