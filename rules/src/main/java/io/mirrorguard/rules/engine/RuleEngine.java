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
        LocalDate day = evaluatedAt.atZone(ZoneOffset.UTC).toLocalDate();
        Map<String, InstanceFacts> facts = EvaluationContext.byName(snapshot);
        Staleness staleness = Staleness.since(previous, this, snapshot, facts, policy, day, scope);
        Topology topology = staleness.topology();
        EvaluationContext context = new EvaluationContext(snapshot, facts, policy.parameters(), scope, topology);
        boolean basis = !staleness.everything();
        Judge judge = new Judge(context, new AppliedPolicy(policy, day), staleness);

        List<String> names = List.copyOf(facts.keySet());
        Subjects<String> instances = judge.all(names, PerInstance.class, List::of,
                basis ? previous.byInstance().lookupFor(names) : SubjectTable.none(),
                (rule, n, out) -> ((PerInstance) rule).evaluate(context.view(n), context, out));
        List<Direction> dirs = topology.directions();
        Subjects<Direction> directions = judge.all(dirs, PerDirection.class,
                d -> List.of(d.trusting(), d.trusted()),
                basis ? previous.byDirection().lookupFor(dirs) : SubjectTable.none(),
                (rule, d, out) -> ((PerDirection) rule).evaluate(d, context, out));
        Subjects<Link> links = judge.all(topology.links(), PerLink.class, l -> List.of(l.a(), l.b()),
                basis ? previous.byLink().lookupFor(topology.links()) : SubjectTable.none(),
                (rule, l, out) -> ((PerLink) rule).evaluate(l, context, out));

        int expected = basis ? previous.result().findings().size() : 16;
        List<Finding> findings = new ArrayList<>(expected + expected / 8);
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

        SubjectTable.Lookup<Direction, TrustStatus> before = basis ? previous.trust().lookupFor(dirs)
                : SubjectTable.none();
        List<TrustStatus> trust = new ArrayList<>(dirs.size());
        for (int k = 0; k < dirs.size(); k++) {
            Direction dir = dirs.get(k);
            TrustStatus s = before.previous(k, dir);
            if (s == null || staleness.touches(List.of(dir.trusting(), dir.trusted()))) {
                s = context.trust(dir).status();
            }
            trust.add(s);
        }
        AuditResult result = new AuditResult(evaluatedAt, snapshot, findings, summaries(snapshot, findings), trust,
                topology.links());
        return new EvaluationState(this, result, policy, day, scope, topology, facts, staleness.unread(),
                instances.table, directions.table, links.table, new SubjectTable<>(dirs, result.trust()),
                judge.rejudged, judge.judged, judge.reused);
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
                            SubjectTable.Lookup<K, Verdict[]> before, Evaluation<K> how) {
            List<Integer> scoped = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                if (scope.isInstance(rules.get(i)) && !policy.disabled(descriptors.get(i))) {
                    scoped.add(i);
                }
            }
            List<Verdict[]> ordered = new ArrayList<>(subjects.size());
            for (int s = 0; s < subjects.size(); s++) {
                K k = subjects.get(s);
                List<String> ownNames = own.apply(k);
                boolean touched = staleness.touches(ownNames);
                Verdict[] old = before.previous(s, k);
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
                ordered.add(row);
            }
            return new Subjects<>(new SubjectTable<>(subjects, ordered));
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

    /** The verdicts of one scope, in subject order. */
    private record Subjects<K>(SubjectTable<K, Verdict[]> table) {
        /** Appends rule {@code i}'s findings in subject order; the first exception it threw on a subject, if any. */
        RuntimeException collect(int i, List<Finding> findings) {
            RuntimeException crash = null;
            for (Verdict[] row : table.values()) {
                Verdict v = row[i];
                if (v.crash() != null && crash == null) {
                    crash = v.crash();
                }
                for (Finding f : v.findings()) {
                    findings.add(f);
                }
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

    /** Counts per instance: one map lookup per finding, counters by ordinal (this runs over every finding). */
    private static List<InstanceSummary> summaries(FleetSnapshot snapshot, List<Finding> findings) {
        Outcome[] outcomes = Outcome.values();
        Severity[] severities = Severity.values();
        Map<String, int[]> counts = new HashMap<>(snapshot.instances().size() * 2);
        for (Finding f : findings) {
            if (f.instance() == null) {
                continue;
            }
            int[] c = counts.get(f.instance());
            if (c == null) {
                c = new int[outcomes.length + severities.length];
                counts.put(f.instance(), c);
            }
            c[f.outcome().ordinal()]++;
            if (f.failing()) {
                c[outcomes.length + f.severity().ordinal()]++;
            }
        }
        List<InstanceSummary> list = new ArrayList<>(snapshot.instances().size());
        for (InstanceFacts f : snapshot.instances()) {
            int[] c = counts.get(f.name());
            Map<Outcome, Integer> byOutcome = new EnumMap<>(Outcome.class);
            Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
            if (c != null) {
                for (Outcome o : outcomes) {
                    if (c[o.ordinal()] > 0) {
                        byOutcome.put(o, c[o.ordinal()]);
                    }
                }
                for (Severity s : severities) {
                    if (c[outcomes.length + s.ordinal()] > 0) {
                        bySeverity.put(s, c[outcomes.length + s.ordinal()]);
                    }
                }
            }
            list.add(new InstanceSummary(f.name(), f.readCompletely(), byOutcome, bySeverity));
        }
        return list;
    }
}
