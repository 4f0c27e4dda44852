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
    private final Set<String> ids;

    public RuleEngine(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.descriptors = this.rules.stream().map(Rule::descriptor).toList();
        Set<String> seen = new LinkedHashSet<>();
        for (RuleDescriptor d : descriptors) {
            if (!seen.add(d.id())) {
                throw new IllegalArgumentException("two rules have the id " + d.id());
            }
        }
        this.ids = Set.copyOf(seen);
    }

    public static RuleEngine builtIn() {
        return new RuleEngine(BuiltInRules.all());
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
        policy.validate(ids);
        EvaluationContext context = new EvaluationContext(snapshot, policy.parameters());
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
                // A defective rule must not hide every other finding; it surfaces as an ERROR of its own.
                out.error(null, null, d.id(), "rule failed: " + e);
            }
            Severity override = policy.severityOverrides().get(d.id());
            for (Finding f : out.findings()) {
                Finding g = override == null ? f : f.withSeverity(override);
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
