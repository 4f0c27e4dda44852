import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.agent.collector.FleetCollector;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.daemon.Collector;
import io.mirrorguard.agent.app.Daemon;
import io.mirrorguard.agent.app.DaemonSettings;
import io.mirrorguard.agent.daemon.RuleEngineEvaluator;
import io.mirrorguard.agent.http.LatestReport;
import io.mirrorguard.agent.schedule.ScheduleSettings;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.model.InstanceFacts;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Real cron rounds of the daemon (issue 15): the daemon's own wiring (Daemon.start: JDBC collector, rules engine,
 * H2 store, metrics, scheduler, HTTP) on an inventory written by the simulator, with the cron and jitter given here.
 * Per round it records the instances audited (the stored run), the skipped periods (mirrorguard_audits_skipped_total),
 * wall time, and the process CPU during the round and per audit (sampled every 100 ms); then, over the scheduled
 * rounds, the minimum and maximum number of collector calls per instance and the CPU per audit with the idle time
 * between rounds included; the idle CPU; one fleet audit as POST /api/v1/audits runs it (the per-instance cost of
 * the on-demand path in the same process); and the live heap after a full GC.
 * Not a test: a main, run with the agent's fat jar on the class path (no build step):
 * <pre>java -cp agent/target/mirrorguard.jar bench/CronRounds.java INVENTORY.yml [cron] [jitterSeconds] [rounds]</pre>
 * Defaults: "0 * * * * ?" (every minute), the inventory's jitterSeconds, 3 scheduled rounds after the start-up round.
 */
public final class CronRounds {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        AgentConfig config = ConfigLoader.load(Path.of(args[0]));
        String cron = args.length > 1 ? args[1] : "0 * * * * ?";
        int jitter = args.length > 2 ? Integer.parseInt(args[2]) : config.schedule().jitterSeconds();
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        DaemonSettings loaded = DaemonSettings.from(config, "bench").withHttpPort(0);
        Path store = Files.createTempDirectory("cron-rounds-store");
        DaemonSettings settings = new DaemonSettings(loaded.instances(), loaded.links(),
                new ScheduleSettings(cron, jitter, loaded.schedule().concurrency(), true), loaded.http(), store,
                loaded.retentionDays(), loaded.version());
        int n = settings.instances().size();
        System.out.printf("instances=%d cron='%s' jitterSeconds=%d concurrency=%d nproc=%d load=%s%n", n, cron, jitter,
                settings.schedule().concurrency(), Runtime.getRuntime().availableProcessors(), load());

        Map<String, List<Instant>> audits = new ConcurrentHashMap<>();
        RuleEngine engine = BuiltInRules.engine();
        RuleEngineEvaluator evaluator = new RuleEngineEvaluator(engine, config.toPolicy());
        FleetCollector fleet = new FleetCollector(config);
        Collector collector = new Collector() {
            @Override
            public InstanceFacts collect(String instance) {
                audits.computeIfAbsent(instance, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(Instant.now());
                return fleet.collect(instance);
            }

            @Override
            public void cancel(String instance) {
                fleet.collector(instance).cancel();
            }
        };
        CpuSampler cpu = new CpuSampler();
        cpu.start();
        LinkedBlockingQueue<AuditRun> done = new LinkedBlockingQueue<>();
        long t0 = System.nanoTime();
        long cpu0 = OS.getProcessCpuTime();
        Daemon daemon = Daemon.start(settings, collector, evaluator, evaluator::rules,
                new LatestReport(engine.descriptors(), settings.version()), Clock.systemUTC()).closeOnStop(fleet);
        daemon.audits().addAuditListener(done::add);
        try {
            System.out.println("round     trigger    begun at                  audited/period  skipped   wall s  "
                    + "CPU s in round  CPU ms/audit  load");
            double skippedMark = 0;
            List<AuditRun> scheduledRuns = new ArrayList<>();
            while (scheduledRuns.size() < rounds) {
                AuditRun run = done.poll(30, TimeUnit.MINUTES);
                if (run == null) {
                    throw new IllegalStateException("no round finished within 30 minutes");
                }
                Thread.sleep(300); // let the sampler pass the round's end
                double skipped = skippedTotal(daemon);
                int notAudited = run.detail() == null ? 0 : run.detail().split("not audited this period", -1).length - 1;
                int audited = run.instances().size() - notAudited;
                double cpuS = cpu.between(run.startedAt(), run.finishedAt());
                System.out.printf("%-9s %-10s %-25s %5d/%-5d %10.0f %8.1f %15.2f %13.2f  %s%n",
                        run.id().substring(0, 8), run.trigger(), run.startedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                        audited, n, skipped - skippedMark,
                        Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0,
                        cpuS, cpuS * 1000 / Math.max(1, audited), load());
                if (run.trigger() == AuditTrigger.SCHEDULED) {
                    scheduledRuns.add(run);
                }
                skippedMark = skipped;
            }
            Instant from = scheduledRuns.get(0).startedAt();
            Instant to = scheduledRuns.get(scheduledRuns.size() - 1).finishedAt();
            int min = Integer.MAX_VALUE;
            int max = 0;
            long total = 0;
            for (var i : settings.instances()) {
                long k = audits.getOrDefault(i.name(), List.of()).stream()
                        .filter(t -> !t.isBefore(from) && !t.isAfter(to)).count();
                min = (int) Math.min(min, k);
                max = (int) Math.max(max, k);
                total += k;
            }
            double window = cpu.between(from, to);
            System.out.printf("scheduled rounds %s .. %s: %d audits, audits per instance min %d max %d (%d rounds); "
                            + "process CPU %.2f s = %.2f ms per audit, idle included%n",
                    from, to, total, min, max, scheduledRuns.size(), window, window * 1000 / Math.max(1, total));
            System.out.printf("skipped periods in total (mirrorguard_audits_skipped_total): %.0f%n", skippedTotal(daemon));
            Instant idleFrom = Instant.now();
            Thread.sleep(10_000);
            System.out.printf("idle between rounds: %.3f s CPU per 10 s%n", cpu.between(idleFrom, Instant.now()));

            long cpuF = OS.getProcessCpuTime();
            long tF = System.nanoTime();
            AuditRun fleetRun = daemon.audits().auditFleet(AuditTrigger.ON_DEMAND);
            double fleetCpu = (OS.getProcessCpuTime() - cpuF) / 1e9;
            System.out.printf("fleet audit (the POST /api/v1/audits path): %s, %.1f s wall, %.2f s CPU, %.2f ms CPU/instance, load %s%n",
                    fleetRun.outcome(), (System.nanoTime() - tF) / 1e9, fleetCpu, fleetCpu * 1000 / n, load());

            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long heap = memory.getHeapMemoryUsage().getUsed();
            System.out.printf("live heap after full GC: %.1f MiB, %.0f KiB per instance (connections kept open)%n",
                    heap / 1048576.0, heap / 1024.0 / n);
            System.out.printf("total: %.0f s wall, %.1f s process CPU%n", (System.nanoTime() - t0) / 1e9,
                    (OS.getProcessCpuTime() - cpu0) / 1e9);
        } finally {
            daemon.stop();
        }
    }

    /** Process CPU sampled every 100 ms, so the CPU of any interval (a round) can be read afterwards. */
    private static final class CpuSampler extends Thread {
        private final java.util.concurrent.ConcurrentSkipListMap<Instant, Long> samples =
                new java.util.concurrent.ConcurrentSkipListMap<>();

        CpuSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                samples.put(Instant.now(), OS.getProcessCpuTime());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** CPU seconds between the samples nearest before {@code from} and after {@code to}. */
        double between(Instant from, Instant to) {
            var a = samples.floorEntry(from);
            var b = samples.ceilingEntry(to);
            if (a == null) {
                a = samples.firstEntry();
            }
            if (b == null) {
                b = samples.lastEntry();
            }
            return (b.getValue() - a.getValue()) / 1e9;
        }
    }

    private static double skippedTotal(Daemon daemon) {
        // from the registry, not a scrape: rendering 70,000 series would be counted as round CPU
        return daemon.metrics().registry().find("mirrorguard.audits.skipped").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
