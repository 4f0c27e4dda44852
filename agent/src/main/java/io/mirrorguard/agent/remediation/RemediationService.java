package io.mirrorguard.agent.remediation;

import io.mirrorguard.rules.remediation.fixes.BuiltInFixes;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.RemediationConfig;
import io.mirrorguard.agent.config.Secret;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.remediation.FixContext;
import io.mirrorguard.rules.remediation.PlanOptions;
import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.RemediationPlan;
import io.mirrorguard.rules.remediation.RemediationPlanner;
import io.mirrorguard.rules.remediation.SkippedFinding;
import io.mirrorguard.rules.remediation.rotation.RotationRequest;
import io.mirrorguard.rules.remediation.rotation.RotationStep;
import io.mirrorguard.rules.remediation.rotation.RotationWorkflow;
import io.mirrorguard.rules.topology.Link;
import io.mirrorguard.agent.config.StorageConfig;
import io.mirrorguard.agent.store.SharedDatabase;
import io.mirrorguard.agent.store.SharedStoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The consent model in one place: a plan is computed from a fresh audit and never changes a server; an apply
 * recomputes the plan for the same selection and runs it only when its hash is the one the operator reviewed;
 * afterwards the touched instances are audited again and each action is journaled with whether its expected
 * findings now PASS.
 */
public final class RemediationService implements AutoCloseable {

    /** The journal's file name under {@code storage.path}. */
    public static final String JOURNAL_FILE = "remediation-journal.jsonl";

    private final RemediationConfig settings;
    private final FleetAuditor auditor;
    private final RemediationExecutor executor;
    private final SecretResolver secrets;
    private final Journal journal;
    private final RemediationPlanner planner = BuiltInFixes.planner();
    private final Consumer<ActionOutcome> listener;
    private final Clock clock;

    /** A plan and the audit it was computed from. */
    public record Planned(AuditResult audit, RemediationPlan plan) {
        public String hash() {
            return plan.hash();
        }
    }

    /** One action's result after the verifying audit; {@code verdict} is null when it did not run. */
    public record ActionReport(ActionOutcome outcome, PostState.Verdict verdict) {
        public boolean fixed() {
            return outcome.status() == JournalEntry.Status.SUCCEEDED && verdict != null && verdict.passed();
        }
    }

    /**
     * @param applied false when the recomputed plan's hash differed from the reviewed one (nothing was sent)
     */
    public record ApplyResult(String reviewedHash, String currentHash, boolean applied, List<ActionReport> actions,
                              AuditResult after) {
        public ApplyResult {
            actions = List.copyOf(actions);
        }

        /** Every action succeeded and its expected findings now PASS. */
        public boolean allFixed() {
            return applied && actions.stream().allMatch(ActionReport::fixed);
        }
    }

    public RemediationService(RemediationConfig settings, FleetAuditor auditor, TargetSessions sessions,
                              Journal journal, Clock clock, Consumer<ActionOutcome> listener) {
        this.settings = settings;
        this.auditor = auditor;
        this.journal = journal;
        this.listener = listener == null ? o -> { } : listener;
        this.secrets = secrets(settings);
        this.clock = clock;
        this.executor = new RemediationExecutor(sessions, secrets, journal, clock);
    }

    /**
     * Real servers: the collector to audit, remediationAuth sessions to apply, and the journal the configuration
     * names ({@link #openJournal}); closing the service closes that journal.
     */
    public static RemediationService forConfig(AgentConfig config, FleetAuditor auditor, Clock clock,
                                               Consumer<ActionOutcome> listener) {
        return forConfig(config, auditor, openJournal(config), clock, listener);
    }

    /** As {@link #forConfig(AgentConfig, FleetAuditor, Clock, Consumer)} with a journal already open (the daemon's). */
    public static RemediationService forConfig(AgentConfig config, FleetAuditor auditor, Journal journal, Clock clock,
                                               Consumer<ActionOutcome> listener) {
        return new RemediationService(config.remediation(), auditor, new JdbcTargetSessions(config.instances()),
                journal, clock, listener);
    }

    /**
     * The journal of a process that is not a cluster agent (the CLI): with storage.url the cluster's table, written
     * as {@code cli-HOST-PID-START} on a connection of its own (closed with the journal), so the cluster's agents
     * see what an operator applied and the other way round; without, the file under storage.path.
     */
    public static Journal openJournal(AgentConfig config) {
        StorageConfig storage = config.storage();
        if (storage != null && storage.clustered()) {
            SharedDatabase db = SharedDatabase.connect(storage.url(), storage.user(), storage.password(), 2);
            return SharedJournal.owning(db, "cli-" + SharedStoreSettings.generatedAgentId());
        }
        return new FileJournal(journalPath(config));
    }

    public static Path journalPath(AgentConfig config) {
        return config.storage().path().resolve(JOURNAL_FILE);
    }

    /** Configured secrets by the names plans use; a secret that is not configured resolves to null. */
    static SecretResolver secrets(RemediationConfig settings) {
        Map<String, Secret> named = new HashMap<>();
        if (settings.masterKeyPassword() != null) {
            named.put("masterKeyPassword", settings.masterKeyPassword());
        }
        if (settings.backupPassword() != null) {
            named.put("backupPassword", settings.backupPassword());
        }
        return new SecretResolver(name -> named.containsKey(name) ? named.get(name).reveal() : null);
    }

    public Journal journal() {
        return journal;
    }

    /** Closes the journal (a CLI's own connection to the cluster's database). */
    @Override
    public void close() {
        journal.close();
    }

    public PlanOptions options(Selection selection) {
        return selection.options(settings.backupPath());
    }

    /** Audits the fleet and plans; sends nothing but the collector's read-only catalog batch. */
    public Planned plan(Selection selection) {
        AuditResult audit = auditor.audit();
        return new Planned(audit, plan(audit, options(selection)));
    }

    /** The plan for {@code selection} on an audit that already ran (the daemon's latest): what `plan` shows. */
    public RemediationPlan plan(AuditResult audit, Selection selection) {
        return plan(audit, options(selection));
    }

    /**
     * The one planning path (CLI, API, automatic mode). An action that needs a secret the configuration does not
     * provide cannot run: it is listed under skipped with that reason instead of being offered and then failing.
     */
    public RemediationPlan plan(AuditResult audit, PlanOptions options) {
        RemediationPlan plan = planner.plan(audit, options);
        List<RemediationAction> runnable = new ArrayList<>();
        List<SkippedFinding> skipped = new ArrayList<>(plan.skipped());
        for (RemediationAction a : plan.actions()) {
            Set<String> missing = secrets.missing(a.sql());
            if (missing.isEmpty()) {
                runnable.add(a);
            } else {
                skipped.add(new SkippedFinding(a.ruleId(), a.instance(), a.peer(), a.subject(), "needs "
                        + missing.stream().map(n -> "remediation." + n).collect(Collectors.joining(", "))
                        + ", which is not configured"));
            }
        }
        return new RemediationPlan(runnable, skipped);
    }

    /** Recomputes the plan for {@code selection} and applies it only if its hash is {@code reviewedHash}. */
    public ApplyResult apply(Selection selection, String reviewedHash, String trigger) {
        Planned now = plan(selection);
        return applyIfUnchanged(now, reviewedHash, ExecutionLimits.explicitApply(), trigger);
    }

    /** Runs {@code planned} if its hash equals {@code reviewedHash}, then verifies against a re-audit. */
    public ApplyResult applyIfUnchanged(Planned planned, String reviewedHash, ExecutionLimits limits, String trigger) {
        String current = planned.hash();
        if (!current.equalsIgnoreCase(reviewedHash == null ? "" : reviewedHash.trim())) {
            return new ApplyResult(reviewedHash, current, false, List.of(), null);
        }
        return run(planned, limits, trigger);
    }

    /** Runs a plan already approved (automatic mode: allowlisted and within limits), then verifies. */
    public ApplyResult run(Planned planned, ExecutionLimits limits, String trigger) {
        Instant runStart = clock.instant();
        List<ActionOutcome> outcomes = executor.run(planned.plan(), PlanBasis.of(planned.audit()), ExecutionMode.APPLY,
                limits, trigger);
        outcomes.forEach(listener);
        Set<String> touched = new LinkedHashSet<>();
        for (ActionOutcome o : outcomes) {
            if (o.status() == JournalEntry.Status.SUCCEEDED || o.status() == JournalEntry.Status.FAILED) {
                touched.add(o.action().instance());
                touched.addAll(PostState.instancesOf(o.action().expectedPostState()));
            }
        }
        AuditResult after = touched.isEmpty() ? planned.audit() : auditor.reaudit(planned.audit(), touched);
        Map<String, JournalEntry> byId = new HashMap<>();
        journal.since(runStart).forEach(e -> byId.put(e.id(), e));
        List<ActionReport> reports = new ArrayList<>();
        for (ActionOutcome o : outcomes) {
            PostState.Verdict verdict = null;
            if (o.status() == JournalEntry.Status.SUCCEEDED) {
                verdict = PostState.check(o.action().expectedPostState(), after);
                JournalEntry e = byId.get(o.journalId());
                if (e != null) {
                    journal.append(e.withPostAudit(verdict.summary()));
                }
            }
            reports.add(new ActionReport(o, verdict));
        }
        return new ApplyResult(planned.hash(), planned.hash(), true, reports, after);
    }

    // --- rotation ---

    /** The next rotation step for a fresh audit, as a plan whose hash the operator reviews. */
    public RotationPlan rotation(RotationRequest request) {
        return rotation(List.of(request));
    }

    /**
     * The next step of rotating several instances together (every replica of an availability group, both groups
     * of a distributed one): staged by {@link RotationWorkflow#nextAcross} so no peer ever meets an untrusted key.
     */
    public RotationPlan rotation(List<RotationRequest> requests) {
        AuditResult audit = auditor.audit();
        return rotation(audit, requests);
    }

    private RotationPlan rotation(AuditResult audit, List<RotationRequest> requests) {
        FixContext ctx = new FixContext(audit.snapshot(), peers(audit), audit.findings(),
                options(Selection.everything()));
        RotationWorkflow workflow = new RotationWorkflow();
        RotationStep step = requests.size() == 1 ? workflow.next(ctx, requests.get(0))
                : workflow.nextAcross(ctx, requests);
        return new RotationPlan(new Planned(audit, new RemediationPlan(step.actions(), List.of())), step);
    }

    /** A rotation step and its plan (the step's actions). */
    public record RotationPlan(Planned planned, RotationStep step) {}

    /** Applies the next rotation step if its hash is the reviewed one; returns the result and the step after it. */
    public RotationApply applyRotation(RotationRequest request, String reviewedHash, String trigger) {
        return applyRotation(List.of(request), reviewedHash, trigger);
    }

    /** {@link #applyRotation(RotationRequest, String, String)} for several instances rotated together. */
    public RotationApply applyRotation(List<RotationRequest> requests, String reviewedHash, String trigger) {
        RotationPlan current = rotation(requests);
        ApplyResult result = applyIfUnchanged(current.planned(), reviewedHash, ExecutionLimits.explicitApply(),
                trigger);
        RotationPlan next = result.applied() && result.after() != null ? rotation(result.after(), requests) : null;
        return new RotationApply(current, result, next);
    }

    /** @param next the step after this one, judged on the verifying audit; null when nothing ran */
    public record RotationApply(RotationPlan applied, ApplyResult result, RotationPlan next) {}

    static Map<String, Set<String>> peers(AuditResult audit) {
        Map<String, Set<String>> peers = new HashMap<>();
        for (Link link : audit.links()) {
            peers.computeIfAbsent(link.a(), k -> new TreeSet<>()).add(link.b());
            peers.computeIfAbsent(link.b(), k -> new TreeSet<>()).add(link.a());
        }
        return peers;
    }

    /** The actions of a plan that a caller's instance/rule allowlists permit (automatic mode). */
    static List<RemediationAction> allowed(RemediationPlan plan, Set<String> rules, Set<String> instances) {
        return plan.actions().stream()
                .filter(a -> rules.contains(a.ruleId()) && instances.stream().anyMatch(i -> i.equalsIgnoreCase(a.instance())))
                .toList();
    }
}
