import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.agent.collector.FleetCollector;
import io.mirrorguard.agent.collector.InstanceCollector;
import io.mirrorguard.agent.collector.JdbcConnector;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.config.InstanceConfig;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Agent-side fleet collection over the wire, in one JVM, against a simulator running in another process. Uses the
 * agent's own FleetCollector / InstanceCollector / JdbcConnector (what `audit --config` runs) and measures:
 * <ul>
 *   <li>wall time and process CPU of a cold fleet collect (logins included) and of warm ones (connections kept);</li>
 *   <li>round trips per instance, counted twice: the collector's own counter and, independently, every
 *       Statement.execute* call seen by a counting proxy around the JDBC connection;</li>
 *   <li>per instance, the median collect time against the median bare {@code SELECT 1} on the same connection;</li>
 *   <li>rules evaluation of the collected snapshot (CPU), for the split between wire and engine.</li>
 * </ul>
 * Not a test: a main, run with the agent's fat jar on the class path (no build step):
 * <pre>java -cp agent/target/mirrorguard.jar bench/CollectBench.java INVENTORY.yml [concurrency] [warmRounds] [ratioSamples]</pre>
 */
public final class CollectBench {

    /** Execute calls seen per instance, by the proxy (independent of the collector's counter). */
    private static final Map<String, AtomicLong> EXECUTES = new ConcurrentHashMap<>();
    private static final Map<String, Connection> CONNECTIONS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        Path inventory = Path.of(args[0]);
        AgentConfig config = ConfigLoader.load(inventory);
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : config.schedule().concurrency();
        int warmRounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int ratioSamples = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        List<InstanceConfig> instances = config.instances();
        int n = instances.size();
        System.out.printf("instances=%d concurrency=%d warmRounds=%d ratioSamples=%d nproc=%d%n",
                n, concurrency, warmRounds, ratioSamples, Runtime.getRuntime().availableProcessors());

        try (FleetCollector fleet = new FleetCollector(instances, config.topology().links(),
                i -> new InstanceCollector(i, CollectBench::countingConnect, Clock.systemUTC()), Clock.systemUTC())) {
            FleetSnapshot snapshot = timedCollect(fleet, concurrency, "cold (logins + collect)", n);
            check(snapshot);
            for (int r = 1; r <= warmRounds; r++) {
                snapshot = timedCollect(fleet, concurrency, "warm round " + r, n);
                check(snapshot);
            }
            long rounds = 1L + warmRounds;
            long collectorStatements = 0;
            long logins = 0;
            for (String name : fleet.instanceNames()) {
                collectorStatements += fleet.collector(name).statementsExecuted();
                logins += fleet.collector(name).logins();
            }
            long proxied = EXECUTES.values().stream().mapToLong(AtomicLong::get).sum();
            long snapshotTrips = snapshot.instances().stream().mapToLong(f -> f.collection().roundTrips()).sum();
            System.out.printf("round trips per instance audit: collector %.2f, JDBC execute calls %.2f, "
                            + "snapshot roundTrips %.2f; logins per instance over %d audits: %.2f%n",
                    collectorStatements / (double) (n * rounds), proxied / (double) (n * rounds),
                    snapshotTrips / (double) n, rounds, logins / (double) n);

            evaluate(snapshot, config);
            ratio(fleet, ratioSamples);
            snapshot = null;
            printMemory("with " + n + " connections open, no snapshot held");
        }
        CONNECTIONS.clear();
        // Wait past the statements' query timeout (30 s in the simulator's inventory): a pending timeout task of the
        // driver may keep a closed connection reachable until then. (At 1,000 instances the connections were still
        // reachable after this wait; see docs/performance.md, "Not explained".)
        Thread.sleep(31_000);
        printMemory("31 s after closing the connections");
    }

    private static FleetSnapshot timedCollect(FleetCollector fleet, int concurrency, String label, int n) {
        double sim0 = simulatorCpuSeconds();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        FleetSnapshot s = fleet.collectAll(concurrency);
        long wall = System.nanoTime() - t0;
        long cpu = processCpuNanos() - cpu0;
        double sim = simulatorCpuSeconds() - sim0;
        System.out.printf("collect %-24s wall %8.1f ms  process CPU %8.1f ms  CPU/instance %6.2f ms"
                        + "  simulator CPU/instance %6.2f ms%n",
                label, wall / 1e6, cpu / 1e6, cpu / 1e6 / n, sim * 1000 / n);
        return s;
    }

    private static void check(FleetSnapshot s) {
        long failed = s.instances().stream().filter(f -> !f.collection().succeeded()).count();
        if (failed > 0) {
            InstanceFacts first = s.instances().stream().filter(f -> !f.collection().succeeded()).findFirst().get();
            System.out.printf("  WARNING: %d instance(s) not collected, e.g. %s: %s %s%n", failed,
                    first.target().name(), first.collection().failure(), first.collection().reason());
        }
    }

    private static void evaluate(FleetSnapshot snapshot, AgentConfig config) {
        RuleEngine engine = BuiltInRules.engine();
        for (int i = 0; i < 3; i++) {
            long cpu0 = threadCpuNanos();
            long t0 = System.nanoTime();
            AuditResult r = engine.evaluate(snapshot, config.toPolicy());
            System.out.printf("evaluate %d: wall %7.1f ms  thread CPU %7.1f ms  findings %d%n", i + 1,
                    (System.nanoTime() - t0) / 1e6, (threadCpuNanos() - cpu0) / 1e6, r.findings().size());
        }
    }

    /**
     * Sequential, one instance at a time, so neither figure includes queueing behind the other instances: the
     * collect (the catalog batch plus mapping to facts) against SELECT 1 on the connection the collector uses.
     */
    private static void ratio(FleetCollector fleet, int samples) throws SQLException {
        List<String> names = fleet.instanceNames();
        double[] collectMs = new double[names.size()];
        double[] selectMs = new double[names.size()];
        double[] ratios = new double[names.size()];
        double[] collectCpuMs = new double[names.size()];
        double sim0 = simulatorCpuSeconds();
        long t0 = System.nanoTime();
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            InstanceCollector c = fleet.collector(name);
            double[] col = new double[samples];
            double[] sel = new double[samples];
            double[] cpu = new double[samples];
            for (int i = 0; i < samples; i++) {
                long ca = threadCpuNanos();
                long a = System.nanoTime();
                c.collect();
                col[i] = (System.nanoTime() - a) / 1e6;
                cpu[i] = (threadCpuNanos() - ca) / 1e6;
                Connection conn = CONNECTIONS.get(name);
                long b = System.nanoTime();
                try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                    rs.next();
                }
                sel[i] = (System.nanoTime() - b) / 1e6;
            }
            collectMs[k] = median(col);
            selectMs[k] = median(sel);
            collectCpuMs[k] = median(cpu);
            ratios[k] = collectMs[k] / selectMs[k];
        }
        System.out.printf("ratio pass: %d instances x %d samples in %.1f s, simulator CPU per (collect + SELECT 1) "
                        + "%.3f ms%n", names.size(), samples, (System.nanoTime() - t0) / 1e9,
                (simulatorCpuSeconds() - sim0) * 1000 / (names.size() * (double) samples));
        System.out.printf("per-instance medians: collect %s ms; SELECT 1 %s ms; ratio %s%n",
                quantiles(collectMs), quantiles(selectMs), quantiles(ratios));
        // mssql-jdbc reads and decodes the response on the calling thread, so this is the agent's share of a collect
        // (TLS, TDS decoding, mapping to facts); the rest of the wall time is the simulator and the loopback.
        System.out.printf("agent thread CPU per collect: %s ms%n", quantiles(collectCpuMs));
    }

    private static String quantiles(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format("p50 %.3f p90 %.3f p99 %.3f max %.3f", q(s, 0.5), q(s, 0.9), q(s, 0.99), s[s.length - 1]);
    }

    private static double q(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void printMemory(String when) {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("%s: heap used after GC %.1f MB (committed %.1f MB); %s%n", when,
                (rt.totalMemory() - rt.freeMemory()) / 1048576.0, rt.totalMemory() / 1048576.0, rss());
        if (Boolean.getBoolean("histogram")) {
            System.out.println(histogram(15));
        }
    }

    /** The top of `jcmd PID GC.class_histogram` (live objects), from inside the process. */
    private static String histogram(int lines) {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return ((String) out).lines().limit(lines + 3L).reduce((a, b) -> a + "\n" + b).orElse("");
        } catch (javax.management.JMException e) {
            return "histogram unavailable: " + e.getMessage();
        }
    }

    private static String rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM"))
                    .map(l -> l.replaceAll("\\s+", " ")).reduce((a, b) -> a + ", " + b).orElse("?");
        } catch (java.io.IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** CPU seconds (user + system) of the simulator process given as -Dsim.pid, or NaN without it. */
    private static double simulatorCpuSeconds() {
        String pid = System.getProperty("sim.pid");
        if (pid == null) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime), counted from the state field (3rd) here
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** The agent's JdbcConnector, its connection wrapped so every Statement.execute* is counted. */
    private static Connection countingConnect(InstanceConfig instance) throws SQLException {
        Connection real = new JdbcConnector().connect(instance);
        CONNECTIONS.put(instance.name(), real);
        AtomicLong count = EXECUTES.computeIfAbsent(instance.name(), k -> new AtomicLong());
        return (Connection) Proxy.newProxyInstance(CollectBench.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, a) -> {
                    Object r = invoke(real, m, a);
                    if (r instanceof Statement st && m.getName().endsWith("Statement")) {
                        return countingStatement(st, count);
                    }
                    return r;
                });
    }

    private static final Set<String> EXECUTE_METHODS = Set.of("execute", "executeQuery", "executeUpdate",
            "executeBatch", "executeLargeUpdate", "executeLargeBatch");

    private static Statement countingStatement(Statement real, AtomicLong count) {
        List<Class<?>> ifaces = new ArrayList<>(List.of(Statement.class));
        if (real instanceof java.sql.CallableStatement) {
            ifaces.add(java.sql.CallableStatement.class);
        } else if (real instanceof java.sql.PreparedStatement) {
            ifaces.add(java.sql.PreparedStatement.class);
        }
        return (Statement) Proxy.newProxyInstance(CollectBench.class.getClassLoader(), ifaces.toArray(Class[]::new),
                (p, m, a) -> {
                    if (EXECUTE_METHODS.contains(m.getName())) {
                        count.incrementAndGet();
                    }
                    return invoke(real, m, a);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] a) throws Throwable {
        try {
            return m.invoke(target, a);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
