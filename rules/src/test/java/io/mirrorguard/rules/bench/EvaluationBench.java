package io.mirrorguard.rules.bench;

import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.fixtures.FleetBuilder;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.fixtures.InstanceBuilder;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.WitnessRole;
import java.util.List;
import java.util.UUID;

/**
 * Not a test: times RuleEngine.evaluate on synthetic fleets of mirrored pairs with witnesses (every instance built
 * like the procedure fleet: 2 peers each, all trust in place). Run from rules/:
 * {@code java -cp target/classes:target/test-classes io.mirrorguard.rules.bench.EvaluationBench [sizes...]}
 */
public final class EvaluationBench {

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1_000, 10_000, 50_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        RuleEngine engine = BuiltInRules.engine();
        FleetSnapshot warm = fleet(1_002);
        for (int i = 0; i < 15; i++) {
            engine.evaluate(warm, Policy.defaults());
        }
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.printf("%-10s %-10s %-12s %-14s %-10s %s%n", "instances", "best ms", "median ms", "median cpu ms",
                "findings", "cpu us/instance");
        for (int size : sizes) {
            FleetSnapshot s = fleet(size);
            int runs = size >= 50_000 ? 3 : size >= 10_000 ? 5 : 10;
            long[] times = new long[runs];
            long[] cpu = new long[runs];
            int findings = 0;
            for (int r = 0; r < runs; r++) {
                System.gc();
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                AuditResult result = engine.evaluate(s, Policy.defaults());
                times[r] = System.nanoTime() - t0;
                cpu[r] = threads.getCurrentThreadCpuTime() - c0;
                findings = result.findings().size();
            }
            java.util.Arrays.sort(times);
            java.util.Arrays.sort(cpu);
            // Thread CPU time leaves out time spent waiting for a core on a shared machine (and GC threads).
            System.out.printf("%-10d %-10.1f %-12.1f %-14.1f %-10d %.1f%n", s.instances().size(), times[0] / 1e6,
                    times[runs / 2] / 1e6, cpu[runs / 2] / 1e6, findings, cpu[runs / 2] / 1e3 / s.instances().size());
        }
    }

    /** size/3 sessions, each principal + mirror + witness with complete trust. */
    static FleetSnapshot fleet(int size) {
        FleetBuilder f = new FleetBuilder();
        for (int i = 0; i < size / 3; i++) {
            String a = "S" + i + "A";
            String b = "S" + i + "B";
            String w = "S" + i + "W";
            InstanceBuilder ia = Fleets.instance(a, 3, List.of(b, w));
            InstanceBuilder ib = Fleets.instance(b, 3, List.of(a, w));
            InstanceBuilder iw = Fleets.instance(w, 2, List.of(a, b));
            UUID guid = UUID.nameUUIDFromBytes(a.getBytes());
            ia.mirroredDatabases.add(io.mirrorguard.rules.fixtures.Rec.with(
                    Fleets.database(1, "PRINCIPAL", b, w), "mirroringGuid", guid));
            ib.mirroredDatabases.add(io.mirrorguard.rules.fixtures.Rec.with(
                    Fleets.database(2, "MIRROR", a, w), "mirroringGuid", guid));
            iw.witnessRoles.add(new WitnessRole("Sales", a, b, 2, "FULL", guid, false, 5, "SYNCHRONIZED"));
            f.add(ia).add(ib).add(iw);
        }
        return f.build();
    }
}
