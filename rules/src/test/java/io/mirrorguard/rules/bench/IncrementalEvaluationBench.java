package io.mirrorguard.rules.bench;

import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.rules.engine.EvaluationState;
import io.mirrorguard.rules.engine.FleetScope;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.model.Collection;
import io.mirrorguard.rules.model.CollectionFailure;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Not a test: thread CPU of evaluating a fleet from the previous evaluation's state when one instance changed, next to
 * a full evaluation of the same snapshot (the {@link EvaluationBench} fleet: mirrored pairs with witnesses). Run from
 * rules/: {@code java -cp target/classes:target/test-classes io.mirrorguard.rules.bench.IncrementalEvaluationBench
 * [size]}
 */
public final class IncrementalEvaluationBench {

    public static void main(String[] args) {
        int size = args.length == 0 ? 10_002 : Integer.parseInt(args[0]);
        RuleEngine engine = BuiltInRules.engine();
        FleetSnapshot base = EvaluationBench.fleet(size);
        Instant at = base.takenAt();
        FleetScope all = FleetScope.snapshotOnly();
        EvaluationState state = engine.evaluateSince(null, base, Policy.defaults(), at, all);
        String one = base.instances().get(base.instances().size() / 2).name();
        System.out.printf("%d instances, %d findings; the changed instance is %s%n", size,
                state.result().findings().size(), one);
        System.out.printf("%-44s %-12s %-12s %-10s %s%n", "change", "median cpu ms", "best cpu ms", "judged",
                "reused");
        full(engine, with(base, one, f -> f), at, all);
        run("nothing (equal facts, new objects)", engine, state, with(base, one, IncrementalEvaluationBench::copy), at, all);
        run("one instance re-audited (new collection)", engine, state, with(base, one, f -> recollected(f)), at, all);
        run("one instance's collection failed", engine, state, with(base, one, f -> InstanceFacts.unreadable(
                f.target(), Collection.failed(at, 10_000, CollectionFailure.UNREACHABLE, "connect timed out"))), at, all);
        full(engine, with(base, one, f -> recollected(f)), at, all);
    }

    private static void run(String what, RuleEngine engine, EvaluationState previous, FleetSnapshot next, Instant at,
                            FleetScope scope) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int runs = 40;
        long[] cpu = new long[runs];
        EvaluationState s = null;
        for (int r = 0; r < runs; r++) {
            long c0 = threads.getCurrentThreadCpuTime();
            s = engine.evaluateSince(previous, next, Policy.defaults(), at, scope);
            cpu[r] = threads.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(cpu);
        System.out.printf("%-44s %-12.1f %-12.1f %-10d %d%n", what, cpu[runs / 2] / 1e6, cpu[0] / 1e6,
                s.verdictsJudged(), s.verdictsReused());
    }

    private static void full(RuleEngine engine, FleetSnapshot snapshot, Instant at, FleetScope scope) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int runs = 7;
        long[] cpu = new long[runs];
        EvaluationState s = null;
        for (int r = 0; r < runs; r++) {
            System.gc();
            long c0 = threads.getCurrentThreadCpuTime();
            s = engine.evaluateSince(null, snapshot, Policy.defaults(), at, scope);
            cpu[r] = threads.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(cpu);
        System.out.printf("%-44s %-12.1f %-12.1f %-10d %d%n", "full evaluation (no previous state)",
                cpu[runs / 2] / 1e6, cpu[0] / 1e6, s.verdictsJudged(), s.verdictsReused());
    }

    private static FleetSnapshot with(FleetSnapshot s, String name, UnaryOperator<InstanceFacts> change) {
        List<InstanceFacts> list = new ArrayList<>(s.instances());
        list.replaceAll(f -> f.name().equals(name) ? change.apply(f) : f);
        return new FleetSnapshot(s.formatVersion(), s.takenAt(), list, s.declaredLinks());
    }

    private static InstanceFacts copy(InstanceFacts f) {
        return withCollection(f, f.collection());
    }

    /** The same catalog read again a minute later: only the collection's time and duration differ. */
    private static InstanceFacts recollected(InstanceFacts f) {
        return withCollection(f, Collection.ok(f.collection().startedAt().plusSeconds(60),
                f.collection().durationMillis() + 7, f.collection().roundTrips()));
    }

    private static InstanceFacts withCollection(InstanceFacts f, Collection c) {
        return new InstanceFacts(f.target(), c, f.identity(), f.masterKey(), f.certificates(), f.endpoints(),
                f.serverPrincipals(), f.masterPrincipals(), f.serverRoleMembers(), f.serverPermissions(),
                f.mirroredDatabases(), f.witnessRoles(), f.availabilityReplicas(), f.connections(),
                f.availabilityGroups(), f.availabilityDatabases(), f.seedingOperations());
    }
}
