package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.topology.Link;
import io.mirrorguard.rules.topology.Topology;
import io.mirrorguard.rules.topology.Topology.Direction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs rules over a fleet snapshot and applies the policy (disabled rules, severity overrides, waivers).
 *
 * <p>Every evaluation is incremental: given the state of the previous one, a rule is re-run only on the subjects
 * (instances, trust directions, links; see {@link PerInstance}, {@link PerDirection}, {@link PerLink}) whose
 * verdict may have changed ({@link Staleness}); every other verdict is taken as it was. Without a previous state
 * every subject is judged, so a full evaluation is the same path with "everything changed". Rules with no scope
 * read the whole fleet and are always re-run.
 */
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
        for (Rule r : this.rules) {
            int scopes = (r instanceof PerInstance ? 1 : 0) + (r instanceof PerDirection ? 1 : 0)
                    + (r instanceof PerLink ? 1 : 0);
            if (scopes > 1) {
                throw new IllegalArgumentException(r.descriptor().id() + " declares more than one scope");
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
        return evaluateSince(null, snapshot, policy, evaluatedAt, scope).result();
    }

    /**
     * Evaluates {@code snapshot}, re-judging only what may differ from {@code previous} (null: judge everything).
     * The result is the one a full evaluation gives, finding for finding and in the same order. Which instances
     * changed is found by comparing facts, not told: an instance whose facts are the same object or equal is
     * unchanged, one added, removed or different is changed, and so is one whose place in the topology moved.
     *
     * @throws PolicyException when the policy is invalid or names unknown rules
     */
    public EvaluationState evaluateSince(EvaluationState previous, FleetSnapshot snapshot, Policy policy,
                                         Instant evaluatedAt, FleetScope scope) {
        policy.validate(ids);
        Topology topology = Topology.of(snapshot);
        EvaluationContext context = new EvaluationContext(snapshot, policy.parameters(), scope, topology);
        LocalDate day = evaluatedAt.atZone(ZoneOffset.UTC).toLocalDate();
        Map<String, InstanceFacts> facts = Staleness.byName(snapshot);
        List<UnreadPeers.Unread> unread = context.unreadInSnapshot();
        Staleness staleness = Staleness.since(previous, this, snapshot, facts, topology, policy, day, scope, unread);
        boolean basis = !staleness.everything();
        Judge judge = new Judge(context, new AppliedPolicy(policy, day), staleness);

        List<String> names = List.copyOf(facts.keySet());
        Subjects<String> instances = judge.all(names, PerInstance.class, List::of,
                basis ? previous.byInstance() : null,
                (rule, n, out) -> ((PerInstance) rule).evaluate(context.view(n), context, out));
        Subjects<Direction> directions = judge.all(topology.directions(), PerDirection.class,
                d -> List.of(d.trusting(), d.trusted()), basis ? previous.byDirection() : null,
                (rule, d, out) -> ((PerDirection) rule).evaluate(d, context, out));
        Subjects<Link> links = judge.all(topology.links(), PerLink.class, l -> List.of(l.a(), l.b()),
                basis ? previous.byLink() : null, (rule, l, out) -> ((PerLink) rule).evaluate(l, context, out));

        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleDescriptor d = descriptors.get(i);
            if (judge.policy.disabled(d)) {
                continue;
            }
            Rule rule = rules.get(i);
            int start = findings.size();
            RuntimeException crash;
            if (rule instanceof PerInstance) {
                crash = instances.collect(i, findings);
            } else if (rule instanceof PerDirection) {
                crash = directions.collect(i, findings);
            } else if (rule instanceof PerLink) {
                crash = links.collect(i, findings);
            } else {
                Verdict v = judge.fleet(i, rule);
                findings.addAll(v.findings());
                crash = v.crash();
            }
            if (crash != null) {
                findings.subList(start, findings.size()).clear();
                for (Finding f : ruleFailed(d, names, crash)) {
                    findings.add(judge.policy.apply(f, d, guards.get(i), facts::get));
                }
            }
        }

        Map<Direction, TrustStatus> trustBy = new HashMap<>();
        List<TrustStatus> trust = new ArrayList<>();
        for (Direction dir : topology.directions()) {
            TrustStatus s = basis ? previous.trust().get(dir) : null;
            if (s == null || staleness.touches(List.of(dir.trusting(), dir.trusted()))) {
                s = context.trust(dir).status();
            }
            trustBy.put(dir, s);
            trust.add(s);
        }
        AuditResult result = new AuditResult(evaluatedAt, snapshot, findings, summaries(snapshot, findings), trust,
                topology.links());
        return new EvaluationState(this, result, policy, day, scope, topology, facts, unread, instances.rows,
                directions.rows, links.rows, trustBy, judge.rejudged, judge.judged, judge.reused);
    }

    /** Judges (or takes from the previous state) one rule on one subject; counts what it did. */
    private final class Judge {
        private final EvaluationContext context;
        private final AppliedPolicy policy;
        private final Staleness staleness;
        private final Set<String> rejudged = new HashSet<>();
        private int judged;
        private int reused;

        Judge(EvaluationContext context, AppliedPolicy policy, Staleness staleness) {
            this.context = context;
            this.policy = policy;
            this.staleness = staleness;
        }

        /** Every subject of one scope, in order, with its verdict per rule of that scope. */
        <K> Subjects<K> all(List<K> subjects, Class<? extends Rule> scope, Function<K, List<String>> own,
                            Map<K, Verdict[]> before, Evaluation<K> how) {
            List<Integer> scoped = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                if (scope.isInstance(rules.get(i)) && !policy.disabled(descriptors.get(i))) {
                    scoped.add(i);
                }
            }
            Map<K, Verdict[]> rows = new HashMap<>(subjects.size() * 2);
            List<Verdict[]> ordered = new ArrayList<>(subjects.size());
            for (K k : subjects) {
                List<String> ownNames = own.apply(k);
                boolean touched = staleness.touches(ownNames);
                Verdict[] old = before == null ? null : before.get(k);
                Verdict[] row = old;
                for (int i : scoped) {
                    Verdict v = old == null ? null : old[i];
                    if (!staleness.stale(v, touched)) {
                        reused++;
                        continue;
                    }
                    v = one(i, ownNames, out -> how.evaluate(rules.get(i), k, out));
                    if (row == old) {
                        // copy on write: the previous state stays as it was
                        row = old == null ? new Verdict[rules.size()] : old.clone();
                    }
                    row[i] = v;
                    judged++;
                    if (scope == PerInstance.class) {
                        rejudged.add(ownNames.get(0));
                    }
                }
                if (row == null) {
                    row = new Verdict[rules.size()];
                }
                rows.put(k, row);
                ordered.add(row);
            }
            return new Subjects<>(rows, ordered);
        }

        /**
         * One rule on one subject, recording what it reads. A rule that throws leaves no finding here; the
         * evaluation turns it into an ERROR on every instance (see {@link #ruleFailed}).
         */
        private Verdict one(int i, List<String> own, java.util.function.Consumer<Emitter> evaluate) {
            RuleDescriptor d = descriptors.get(i);
            context.startRecording(own);
            Emitter out = new Emitter(d);
            RuntimeException crash = null;
            List<Finding> applied = new ArrayList<>();
            try {
                evaluate.accept(out);
                for (Finding f : out.findings()) {
                    // the guard reads the facts of the finding's instance and peer: recorded like the rule's reads
                    applied.add(policy.apply(f, d, guards.get(i), context::facts));
                }
            } catch (RuntimeException e) {
                crash = e;
                applied.clear();
            }
            return new Verdict(applied, context.stopRecording(), crash);
        }

        /** A rule with no scope: it may read anything, so it is run over the whole fleet every time. */
        Verdict fleet(int i, Rule rule) {
            return one(i, List.of(), out -> rule.evaluate(context, out));
        }
    }

    @FunctionalInterface
    private interface Evaluation<K> {
        void evaluate(Rule rule, K subject, Emitter out);
    }

    /** The verdicts of one scope: by subject for the next evaluation, and in subject order for this one's findings. */
    private record Subjects<K>(Map<K, Verdict[]> rows, List<Verdict[]> ordered) {
        /** Appends rule {@code i}'s findings in subject order; the first exception it threw on a subject, if any. */
        RuntimeException collect(int i, List<Finding> findings) {
            RuntimeException crash = null;
            for (Verdict[] row : ordered) {
                Verdict v = row[i];
                if (v.crash() != null && crash == null) {
                    crash = v.crash();
                }
                findings.addAll(v.findings());
            }
            return crash;
        }
    }

    /**
     * A defective rule must not hide every other finding, nor vanish itself: what it found is dropped (it may be
     * half a verdict) and it is an ERROR on every instance, so that summaries, metrics, the store and reports all
     * count it against those instances. The message is that of the first subject it threw on, in subject order.
     */
    private static List<Finding> ruleFailed(RuleDescriptor d, List<String> instances, RuntimeException e) {
        Emitter out = new Emitter(d);
        String why = RULE_FAILED + d.id() + " threw " + e.getClass().getName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (instances.isEmpty()) {
            out.error(null, null, d.id(), why);
        }
        for (String n : instances) {
            out.error(n, null, n + "/rule/" + d.id(), why + " (its verdicts on " + n + " are unknown)");
        }
        return out.findings();
    }

    /** How the message of a crashed rule's ERROR starts, so that reports and metrics can tell it from other ERRORs. */
    public static final String RULE_FAILED = "rule failed: ";

    /** Whether the finding is the ERROR of a rule that threw (not a rule that could not read its facts). */
    public static boolean ruleFailure(Finding f) {
        return f.outcome() == Outcome.ERROR && f.message() != null
                && f.message().startsWith(RULE_FAILED + f.ruleId() + " threw ");
    }

    private static List<InstanceSummary> summaries(FleetSnapshot snapshot, List<Finding> findings) {
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
        for (InstanceFacts f : snapshot.instances()) {
            list.add(new InstanceSummary(f.name(), f.readCompletely(), outcomes.getOrDefault(f.name(), Map.of()),
                    failures.getOrDefault(f.name(), Map.of())));
        }
        return list;
    }
}
