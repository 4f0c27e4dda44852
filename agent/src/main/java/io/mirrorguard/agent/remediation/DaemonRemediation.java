package io.mirrorguard.agent.remediation;

import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.daemon.AuditService;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.app.Daemon;
import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.agent.http.RemediationEndpoint;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.agent.store.StoreException;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.remediation.RemediationPlan;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Remediation inside the daemon: automatic mode after each audit, the HTTP routes, and the
 * mirrorguard_remediations_total metric. Audits go through the daemon's own audit service, so the API shows the
 * fixed state as soon as a fix is verified.
 */
public final class DaemonRemediation implements RemediationEndpoint {

    private final AuditService audits;
    private final RemediationService service;
    private final RemediationAutomation automation;

    private DaemonRemediation(AuditService audits, RemediationService service, RemediationAutomation automation) {
        this.audits = audits;
        this.service = service;
        this.automation = automation;
    }

    /** Wires remediation into a started daemon: listener after audits, API routes, metrics. */
    public static DaemonRemediation attach(AgentConfig config, Daemon daemon, Clock clock) {
        AuditService audits = daemon.audits();
        AgentMetrics metrics = daemon.metrics();
        RemediationService service = RemediationService.forConfig(config, new ServiceAuditor(audits),
                journal(config, audits), clock, outcome -> metrics.recordRemediation(outcome.action().instance(), outcome.action().ruleId(),
                        "apply", metricOutcome(outcome.status())));
        RemediationAutomation automation = new RemediationAutomation(config.remediation(), service, clock);
        DaemonRemediation r = new DaemonRemediation(audits, service, automation);
        audits.addAuditListener(r::afterAudit);
        daemon.remediationApi(r);
        return r;
    }

    /**
     * In a cluster the journal is the shared table, written under this agent's Quartz id (so a STARTED row of this
     * agent reads INTERRUPTED once it stops checking in); on its own, the file under storage.path.
     */
    static Journal journal(AgentConfig config, AuditService audits) {
        Optional<AuditStore> shared = audits.store().filter(AuditStore::isShared);
        if (shared.isPresent()) {
            return SharedJournal.of(shared.get().sharedDatabase().orElseThrow(), shared.get().agentId().orElseThrow());
        }
        return new FileJournal(RemediationService.journalPath(config));
    }

    static String metricOutcome(JournalEntry.Status status) {
        return switch (status) {
            case SUCCEEDED -> "success";
            case FAILED, INTERRUPTED -> "failure";
            case SKIPPED, STARTED -> "skipped";
        };
    }

    /** Set on a thread applying through the API: its verifying audits must not start automatic mode. */
    private static final ThreadLocal<Boolean> APPLYING = ThreadLocal.withInitial(() -> false);

    private void afterAudit(AuditRun run) {
        if (automation.isRunning() || APPLYING.get()) {
            return; // our own verifying audit
        }
        latest().ifPresent(automation::afterAudit);
    }

    private java.util.Optional<AuditResult> latest() {
        return audits.latest().map(Evaluation::result);
    }

    @Override
    public Object plan() {
        AuditResult audit = latest().orElseThrow(() -> new io.mirrorguard.agent.http.ApiError(404,
                "no audit has completed yet", null));
        return new PlanView(operatorPlan(audit)).json();
    }

    /**
     * What an operator reviews and approves over HTTP: the same plan as {@code mirrorguard plan --config FILE}
     * (every rule with a fix, every instance, no disruptive actions, no stale cleanup), on the latest audit. The
     * automatic mode's allowlisted plan is what runs unattended; it is not what an operator is shown.
     */
    private RemediationPlan operatorPlan(AuditResult audit) {
        return service.plan(audit, Selection.everything());
    }

    @Override
    public Response apply(String hash) {
        AuditResult audit = latest().orElseThrow(() -> new io.mirrorguard.agent.http.ApiError(404,
                "no audit has completed yet", null));
        RemediationPlan plan = operatorPlan(audit);
        // an operator's explicit approval of a reviewed plan: disruptive actions in it may run
        RemediationService.ApplyResult result;
        APPLYING.set(true);
        try {
            result = service.applyIfUnchanged(new RemediationService.Planned(audit, plan), hash,
                    ExecutionLimits.explicitApply(), "api");
        } finally {
            APPLYING.set(false);
        }
        return new Response(result.applied() ? 200 : 409, ApplyView.json(result));
    }

    @Override
    public Object journal() {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            m.put("entries", service.journal().read());
        } catch (StoreException e) {
            throw new io.mirrorguard.agent.http.ApiError(503, "the storage.url database cannot be reached", null);
        }
        return m;
    }

    /** Audits through the daemon, so its latest evaluation and store follow the fixes. */
    private record ServiceAuditor(AuditService audits) implements FleetAuditor {
        @Override
        public AuditResult audit() {
            try {
                audits.auditFleet(AuditTrigger.ON_DEMAND);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while auditing", e);
            }
            return audits.latest().orElseThrow().result();
        }

        @Override
        public AuditResult reaudit(AuditResult before, Set<String> instances) {
            try {
                for (String name : instances) {
                    String known = audits.instanceNames().stream().filter(n -> n.equalsIgnoreCase(name))
                            .findFirst().orElse(null);
                    if (known != null) {
                        audits.auditInstance(known, AuditTrigger.ON_DEMAND);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while verifying remediation", e);
            }
            return audits.latest().orElseThrow().result();
        }
    }
}
