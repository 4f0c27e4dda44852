package io.mirrorguard.agent.remediation;

import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.RemediationPlan;
import io.mirrorguard.rules.remediation.Risk;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Runs a reviewed plan, action by action, in plan order. Every action is journaled before its first statement is
 * sent and after its last; an instance's actions run under that instance's remediation lock, so two agents never
 * fix one instance at once (the second backs off and skips). Under that lock, an action that the journal shows was
 * already attempted (by any agent) since the plan's facts were collected is skipped: those facts do not show its
 * effect, so sending it again would apply it twice. In DRY_RUN no session is ever opened.
 */
public final class RemediationExecutor {

    private final TargetSessions sessions;
    private final SecretResolver secrets;
    private final Journal journal;
    private final Clock clock;
    /** Why an action was skipped when another agent holds the instance's remediation lock. */
    static final String LOCKED_OUT = "another agent holds the remediation lock on ";

    public RemediationExecutor(TargetSessions sessions, SecretResolver secrets, Journal journal, Clock clock) {
        this.sessions = sessions;
        this.secrets = secrets;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * @param basis when the facts {@code plan} was computed from were collected, per instance
     */
    public List<ActionOutcome> run(RemediationPlan plan, PlanBasis basis, ExecutionMode mode, ExecutionLimits limits,
                                   String trigger) {
        List<ActionOutcome> outcomes = new ArrayList<>();
        Map<String, Integer> perInstance = new HashMap<>();
        Set<String> lockedOut = new HashSet<>();
        // instance -> the failed action that left it in an unknown state (see dependsOn)
        Map<String, RemediationAction> failedOn = new HashMap<>();
        int ran = 0;
        int consecutiveErrors = 0;
        boolean stopped = false;
        for (RemediationAction action : plan.actions()) {
            String skip = null;
            RemediationAction blocker = dependsOn(action, failedOn);
            if (stopped) {
                skip = "run stopped after " + limits.stopAfterConsecutiveErrors() + " consecutive errors";
            } else if (action.risk() == Risk.MANUAL) {
                skip = "manual step: review it and run it by hand; never applied automatically";
            } else if (blocker != null) {
                skip = "depends on " + blocker.ruleId() + " on " + blocker.instance() + ", which did not succeed";
            } else if (action.risk() == Risk.DISRUPTIVE && !limits.allowDisruptive()) {
                skip = "disruptive action outside a maintenance window";
            } else if (ran >= limits.maxActions()) {
                skip = "limit of " + limits.maxActions() + " actions per run reached";
            } else if (perInstance.getOrDefault(action.instance(), 0) >= limits.maxActionsPerInstance()) {
                skip = "limit of " + limits.maxActionsPerInstance() + " actions per instance reached";
            } else if (lockedOut.contains(action.instance())) {
                skip = LOCKED_OUT + action.instance();
            }
            if (skip != null) {
                outcomes.add(record(plan, action, mode, trigger, JournalEntry.Status.SKIPPED, skip, clock.instant(), null));
                continue;
            }
            ran++;
            perInstance.merge(action.instance(), 1, Integer::sum);
            ActionOutcome outcome = mode == ExecutionMode.DRY_RUN
                    ? record(plan, action, mode, trigger, JournalEntry.Status.SUCCEEDED, "dry run: nothing sent",
                    clock.instant(), null)
                    : apply(plan, basis, action, trigger);
            if (outcome.status() == JournalEntry.Status.SKIPPED && outcome.detail().startsWith(LOCKED_OUT)) {
                lockedOut.add(action.instance());
            }
            if (outcome.status() == JournalEntry.Status.FAILED) {
                failedOn.putIfAbsent(action.instance(), action);
            }
            consecutiveErrors = outcome.status() == JournalEntry.Status.FAILED ? consecutiveErrors + 1 : 0;
            stopped = consecutiveErrors >= limits.stopAfterConsecutiveErrors();
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /**
     * An action depends on a failed (or itself skipped) one when it runs on the same instance: that server is in an
     * unknown state, and a later statement there may rely on what the failed one should have changed. Actions on
     * other instances take their inputs from the audit, never from another action of the same plan (a certificate is
     * created and installed on peers in separate rotation steps, with an audit between), so they still run: one
     * unrelated failure must not block the rest of a reviewed plan.
     */
    private static RemediationAction dependsOn(RemediationAction action, Map<String, RemediationAction> failedOn) {
        return failedOn.get(action.instance());
    }

    private ActionOutcome apply(RemediationPlan plan, PlanBasis basis, RemediationAction action, String trigger) {
        String id = UUID.randomUUID().toString();
        Instant start = clock.instant();
        try (TargetSessions.TargetSession session = sessions.open(action.instance())) {
            if (!session.tryLock()) {
                return record(plan, action, ExecutionMode.APPLY, trigger, JournalEntry.Status.SKIPPED,
                        LOCKED_OUT + action.instance(), start, id);
            }
            // checked under the lock: whoever applied this before us released the lock after its final record
            String done = alreadyAttempted(action, basis.collectedAt(action.instance()));
            if (done != null) {
                return record(plan, action, ExecutionMode.APPLY, trigger, JournalEntry.Status.SKIPPED, done, start,
                        id);
            }
            journal.append(entry(id, plan, action, ExecutionMode.APPLY, trigger, start, null,
                    JournalEntry.Status.STARTED, null));
            SecretResolver.Scope scope = secrets.scope();
            int n = 0;
            for (String statement : action.sql()) {
                n++;
                try {
                    session.execute(scope.resolve(statement));
                } catch (SQLException e) {
                    String why = "statement " + n + " of " + action.sql().size() + " failed: Msg " + e.getErrorCode()
                            + ": " + e.getMessage();
                    journal.append(entry(id, plan, action, ExecutionMode.APPLY, trigger, start, clock.instant(),
                            JournalEntry.Status.FAILED, why));
                    return new ActionOutcome(action, id, JournalEntry.Status.FAILED, why);
                }
            }
            journal.append(entry(id, plan, action, ExecutionMode.APPLY, trigger, start, clock.instant(),
                    JournalEntry.Status.SUCCEEDED, null));
            return new ActionOutcome(action, id, JournalEntry.Status.SUCCEEDED, n + " statement(s) applied");
        } catch (SQLException | SecretResolver.MissingSecretException e) {
            String why = "cannot run on " + action.instance() + ": " + e.getMessage();
            journal.append(entry(id, plan, action, ExecutionMode.APPLY, trigger, start, clock.instant(),
                    JournalEntry.Status.FAILED, why));
            return new ActionOutcome(action, id, JournalEntry.Status.FAILED, why);
        }
    }

    /**
     * Why {@code action} must not run now, or null. The same action (rule, instance, peer and statements) started
     * since {@code factsFrom}, whatever its outcome but SKIPPED (FAILED and INTERRUPTED ones may have sent some of
     * their statements): the plan's facts predate it, so only the next audit can tell whether it is still needed.
     */
    private String alreadyAttempted(RemediationAction action, Instant factsFrom) {
        if (factsFrom == null) {
            return "no facts of " + action.instance() + " in the audit this plan comes from: cannot tell whether it "
                    + "was already applied";
        }
        JournalEntry last = null;
        for (JournalEntry e : journal.since(factsFrom)) {
            if (ExecutionMode.APPLY.name().equals(e.mode()) && e.status() != JournalEntry.Status.SKIPPED
                    && sameAction(e, action)) {
                last = e;
            }
        }
        if (last == null) {
            return null;
        }
        return "already " + last.status().name().toLowerCase(java.util.Locale.ROOT) + " by "
                + (last.agent() == null ? "this agent" : "agent " + last.agent()) + " at " + last.startedAt()
                + " (journal " + last.id() + "), after this plan's facts of " + action.instance()
                + " were collected at " + factsFrom + ": the next audit decides whether it is still needed";
    }

    private static boolean sameAction(JournalEntry e, RemediationAction a) {
        return e.ruleId().equals(a.ruleId()) && e.instance().equalsIgnoreCase(a.instance())
                && Objects.equals(e.peer(), a.peer()) && e.sql().equals(a.sql());
    }

    private ActionOutcome record(RemediationPlan plan, RemediationAction action, ExecutionMode mode, String trigger,
                                 JournalEntry.Status status, String detail, Instant start, String givenId) {
        String id = givenId == null ? UUID.randomUUID().toString() : givenId;
        journal.append(entry(id, plan, action, mode, trigger, start, clock.instant(), status,
                status == JournalEntry.Status.SUCCEEDED ? null : detail));
        return new ActionOutcome(action, id, status, detail);
    }

    private static JournalEntry entry(String id, RemediationPlan plan, RemediationAction a, ExecutionMode mode,
                                      String trigger, Instant start, Instant end, JournalEntry.Status status,
                                      String error) {
        return new JournalEntry(id, plan.hash(), a.ruleId(), a.instance(), a.peer(), a.risk().name(), mode.name(),
                trigger, a.sql(), start, end, status, error, null, null);
    }
}
