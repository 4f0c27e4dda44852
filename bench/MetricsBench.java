import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.agent.config.MetricsConfig.RuleDetail;
import io.mirrorguard.agent.daemon.AuditService;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.daemon.InstanceSpec;
import io.mirrorguard.agent.daemon.RuleEngineEvaluator;
import io.mirrorguard.agent.http.ApiServer;
import io.mirrorguard.agent.http.ApiSettings;
import io.mirrorguard.agent.http.LatestReport;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.fixtures.FleetBuilder;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.fixtures.InstanceBuilder;
import io.mirrorguard.rules.fixtures.Rec;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.Target;
import io.mirrorguard.rules.model.WitnessRole;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * /metrics of the real daemon pieces (AuditService, rules engine, AgentMetrics, ApiServer over HTTP) for a synthetic
 * fleet of N instances (N/3 mirroring sessions built like the procedure fleet, all trust in place), without TDS:
 * the collector hands out the synthetic facts. Prints the fleet audit time, then per Accept/Accept-Encoding the
 * first scrape after the audit (renders) and the median of the cached scrapes, bytes and samples.
 * <pre>java -cp agent/target/mirrorguard.jar:rules/target/test-classes bench/MetricsBench.java 1000 10000 [all]</pre>
 */
public final class MetricsBench {
    public static void main(String[] args) throws Exception {
        RuleDetail detail = Arrays.asList(args).contains("all") ? RuleDetail.ALL : RuleDetail.NONPASS;
        HttpClient client = HttpClient.newHttpClient();
        for (String a : args) {
            if (a.equals("all")) {
                continue;
            }
            run(Integer.parseInt(a), detail, client);
        }
    }

    private static void run(int size, RuleDetail detail, HttpClient client) throws Exception {
        FleetSnapshot fleet = fleet(size);
        Map<String, InstanceFacts> facts = new HashMap<>();
        List<InstanceSpec> specs = new ArrayList<>();
        for (InstanceFacts f : fleet.instances()) {
            facts.put(f.name(), f);
            specs.add(new InstanceSpec(Target.named(f.name()), Duration.ofSeconds(30)));
        }
        RuleEngine engine = BuiltInRules.engine();
        RuleEngineEvaluator evaluator = new RuleEngineEvaluator(engine, Policy.defaults());
        try (AgentMetrics metrics = new AgentMetrics("bench", detail);
             AuditService service = new AuditService(specs, List.of(), facts::get, evaluator, null, metrics,
                     Clock.systemUTC(), 4, Duration.ofDays(30));
             ApiServer api = new ApiServer(new ApiSettings("127.0.0.1", 0, List.of(), null, 5, Duration.ofSeconds(1)),
                     service, metrics, evaluator::rules, List::of,
                     new LatestReport(engine.descriptors(), "bench")).start()) {
            URI uri = URI.create("http://127.0.0.1:" + api.port() + "/metrics");
            // warm-up: one audit and a few scrapes of each kind, so the measured ones run compiled code
            service.auditFleet(AuditTrigger.ON_DEMAND);
            for (String accept : new String[] {"text/plain", "application/openmetrics-text;version=1.0.0"}) {
                for (int i = 0; i < 3; i++) {
                    client.send(HttpRequest.newBuilder(uri).header("Accept", accept).header("Accept-Encoding", "gzip")
                            .GET().build(), HttpResponse.BodyHandlers.discarding());
                }
            }
            // while the measured audit collects, evaluates and renders, a scraper asks as Prometheus does (OpenMetrics,
            // gzip) back to back: no scrape may wait for the evaluation's rendering
            HttpRequest prometheus = HttpRequest.newBuilder(uri).header("Accept", "application/openmetrics-text;"
                    + "version=1.0.0,text/plain;version=0.0.4;q=0.5").header("Accept-Encoding", "gzip").GET().build();
            java.util.concurrent.atomic.AtomicBoolean auditing = new java.util.concurrent.atomic.AtomicBoolean(true);
            List<Double> during = java.util.Collections.synchronizedList(new ArrayList<>());
            long[] t0 = {System.nanoTime()};
            Thread scraper = new Thread(() -> {
                while (auditing.get()) {
                    long s0 = System.nanoTime();
                    try {
                        client.send(prometheus, HttpResponse.BodyHandlers.ofByteArray());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    during.add((System.nanoTime() - s0) / 1e6);
                    if (System.getProperty("bench.trace") != null) {
                        System.out.printf("    scrape at +%.0f ms: %.1f ms%n", (s0 - t0[0]) / 1e6, during.get(during.size() - 1));
                    }
                }
            });
            t0[0] = System.nanoTime();
            scraper.start();
            service.auditFleet(AuditTrigger.ON_DEMAND);
            double auditMs = (System.nanoTime() - t0[0]) / 1e6;
            auditing.set(false);
            scraper.join();
            double[] d = during.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("%,d instances (ruleDetail %s): second fleet audit (collect from memory, evaluate, record,"
                            + " render) %.0f ms; %d scrapes (OpenMetrics, gzip) meanwhile: median %.1f ms, p90 %.1f ms,"
                            + " max %.1f ms%n", fleet.instances().size(), detail.name().toLowerCase(), auditMs, d.length,
                    d.length == 0 ? 0 : d[d.length / 2], d.length == 0 ? 0 : d[d.length * 9 / 10],
                    d.length == 0 ? 0 : d[d.length - 1]);
            for (String[] h : new String[][] {{"text/plain", "identity"}, {"text/plain", "gzip"},
                    {"application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5", "gzip"}}) {
                HttpRequest req = HttpRequest.newBuilder(uri).header("Accept", h[0]).header("Accept-Encoding", h[1])
                        .GET().build();
                long f0 = System.nanoTime();
                HttpResponse<byte[]> first = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                double firstMs = (System.nanoTime() - f0) / 1e6;
                int n = 21;
                double[] ms = new double[n];
                for (int i = 0; i < n; i++) {
                    long s0 = System.nanoTime();
                    client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                    ms[i] = (System.nanoTime() - s0) / 1e6;
                }
                Arrays.sort(ms);
                String text = new String(metrics.scrape(h[0]).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
                long samples = text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
                long fleetSamples = text.lines().filter(l -> l.startsWith("mirrorguard_")).count();
                System.out.printf("  Accept %-12s %-8s %,11d bytes on the wire, %,d samples (%,d mirrorguard_*, %.1f per instance):"
                                + " first scrape %.1f ms, then median %.1f ms (min %.1f, max %.1f) of %d%n",
                        h[0].startsWith("application") ? "openmetrics" : "text", h[1], first.body().length, samples,
                        fleetSamples, fleetSamples / (double) fleet.instances().size(), firstMs, ms[n / 2], ms[0],
                        ms[n - 1], n);
            }
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            System.out.printf("  heap used after full GC: %.1f MB (snapshot, evaluation, metrics, cached renderings)%n",
                    heap.getUsed() / 1048576.0);
        }
    }

    /** size/3 sessions, each principal + mirror + witness with complete trust (as rules' EvaluationBench). */
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
            ia.mirroredDatabases.add(Rec.with(Fleets.database(1, "PRINCIPAL", b, w), "mirroringGuid", guid));
            ib.mirroredDatabases.add(Rec.with(Fleets.database(2, "MIRROR", a, w), "mirroringGuid", guid));
            iw.witnessRoles.add(new WitnessRole("Sales", a, b, 2, "FULL", guid, false, 5, "SYNCHRONIZED"));
            f.add(ia).add(ib).add(iw);
        }
        return f.build();
    }
}
