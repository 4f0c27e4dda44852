package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.topology.Topology.Direction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Runs rules over a fleet snapshot and applies the policy (disabled rules, severity overrides, waivers). */
public final class RuleEngine {
    private final List<Rule> rules;
    private final List<RuleDescriptor> descriptors;
    private final List<PassGuard> guards;
    private final Set<String> ids;

    public RuleEngine(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.descriptors = this.rules.stream().map(Rule::descriptor).toList();
        this.guards = this.rules.stream().map(r -> PassGuard.of(r.getClass())).toList();
        Set<String> seen = new LinkedHashSet<>();
        for (RuleDescriptor d : descriptors) {
            if (!seen.add(d.id())) {
                throw new IllegalArgumentException("two rules have the id " + d.id());
            }
        }
        this.ids = Set.copyOf(seen);
    }

    public List<RuleDescriptor> descriptors() {
        return descriptors;
    }

    /** Evaluates with waivers judged against the snapshot's takenAt. */
    public AuditResult evaluate(FleetSnapshot snapshot, Policy policy) {
        return evaluate(snapshot, policy, snapshot.takenAt() != null ? snapshot.takenAt() : Instant.now());
    }

    /** @throws PolicyException when the policy is invalid or names unknown rules */
    public AuditResult evaluate(FleetSnapshot snapshot, Policy policy, Instant evaluatedAt) {
        return evaluate(snapshot, policy, evaluatedAt, FleetScope.snapshotOnly());
    }

    /**
     * Evaluates a snapshot that may lack some of the fleet's instances ({@code scope}): those are still known to
     * exist, so no rule judges a peer relation as absent only because their facts are missing.
     *
     * @throws PolicyException when the policy is invalid or names unknown rules
     */
    public AuditResult evaluate(FleetSnapshot snapshot, Policy policy, Instant evaluatedAt, FleetScope scope) {
        policy.validate(ids);
        EvaluationContext context = new EvaluationContext(snapshot, policy.parameters(), scope);
        LocalDate day = evaluatedAt.atZone(ZoneOffset.UTC).toLocalDate();
        Map<String, List<Waiver>> waivers = new HashMap<>();
        for (Waiver w : policy.waivers()) {
            waivers.computeIfAbsent(key(w.rule(), w.instance()), k -> new ArrayList<>()).add(w);
        }
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleDescriptor d = descriptors.get(i);
            if (policy.disabledRules().contains(d.id())) {
                continue;
            }
            Emitter out = new Emitter(d);
            try {
                rules.get(i).evaluate(context, out);
            } catch (RuntimeException e) {
                out = ruleFailed(d, context, e);
            }
            Severity override = policy.severityOverrides().get(d.id());
            PassGuard guard = guards.get(i);
            for (Finding f : out.findings()) {
                Finding g = guard.apply(f, name -> context.facts(name));
                g = override == null ? g : g.withSeverity(override);
                if (g.outcome() == Outcome.FAIL && g.instance() != null) {
                    g = applyWaiver(g, waivers.getOrDefault(key(g.ruleId(), g.instance()), List.of()), day);
                }
                findings.add(g);
            }
        }
        List<TrustStatus> trust = new ArrayList<>();
        for (Direction dir : context.topology().directions()) {
            trust.add(context.trust(dir).status());
        }
        return new AuditResult(evaluatedAt, snapshot, findings, summaries(context, findings), trust,
                context.topology().links());
    }

    /**
     * A defective rule must not hide every other finding, nor vanish itself: what it found before it threw is
     * dropped (it may be half a verdict) and it is an ERROR on every instance it was evaluating, so that summaries,
     * metrics, the store and reports all count it against those instances.
     */
    private static Emitter ruleFailed(RuleDescriptor d, EvaluationContext context, RuntimeException e) {
        Emitter out = new Emitter(d);
        String why = RULE_FAILED + d.id() + " threw " + e.getClass().getName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (context.instances().isEmpty()) {
            out.error(null, null, d.id(), why);
        }
        for (InstanceView v : context.instances()) {
            out.error(v.name(), null, v.name() + "/rule/" + d.id(), why + " (its verdicts on " + v.name()
                    + " are unknown)");
        }
        return out;
    }

    /** How the message of a crashed rule's ERROR starts, so that reports and metrics can tell it from other ERRORs. */
    public static final String RULE_FAILED = "rule failed: ";

    /** Whether the finding is the ERROR of a rule that threw (not a rule that could not read its facts). */
    public static boolean ruleFailure(Finding f) {
        return f.outcome() == Outcome.ERROR && f.message() != null
                && f.message().startsWith(RULE_FAILED + f.ruleId() + " threw ");
    }

    private static Finding applyWaiver(Finding f, List<Waiver> candidates, LocalDate day) {
        Waiver expired = null;
        for (Waiver w : candidates) {
            if (w.covers(f)) {
                if (!w.expiredOn(day)) {
                    return f.withWaiver(new AppliedWaiver(w.reason(), w.expires(), false));
                }
                expired = w;
            }
        }
        return expired == null ? f : f.withWaiver(new AppliedWaiver(expired.reason(), expired.expires(), true));
    }

    private static String key(String rule, String instance) {
        return rule + "|" + instance.toLowerCase(Locale.ROOT);
    }

    private static List<InstanceSummary> summaries(EvaluationContext context, List<Finding> findings) {
        Map<String, Map<Outcome, Integer>> outcomes = new HashMap<>();
        Map<String, Map<Severity, Integer>> failures = new HashMap<>();
        for (Finding f : findings) {
            if (f.instance() == null) {
                continue;
            }
            outcomes.computeIfAbsent(f.instance(), k -> new EnumMap<>(Outcome.class)).merge(f.outcome(), 1, Integer::sum);
            if (f.failing()) {
                failures.computeIfAbsent(f.instance(), k -> new EnumMap<>(Severity.class)).merge(f.severity(), 1, Integer::sum);
            }
        }
        List<InstanceSummary> list = new ArrayList<>();
        for (InstanceView v : context.instances()) {
            InstanceFacts f = v.facts();
            list.add(new InstanceSummary(f.name(), v.fullyAudited(), outcomes.getOrDefault(f.name(), Map.of()),
                    failures.getOrDefault(f.name(), Map.of())));
        }
        return list;
    }
}
