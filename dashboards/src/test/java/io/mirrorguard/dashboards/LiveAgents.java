package io.mirrorguard.dashboards;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real agent per simulated fleet, keyed by the Prometheus job that scrapes it. Started once per test run (the
 * first test class that asks for them) and stopped when the run ends, so the name check and the end-to-end test share
 * them. Each fleet reuses the instance names of its scenario, so each has its own agent and job.
 */
final class LiveAgents implements AutoCloseable {
    /** demo-drift: SQLA master key not service-protected, CONNECT to public on SQLB, SQLW lost SQLA's certificate. */
    static final String DRIFT = "mirrorguard";
    /** drift-encryption-rc4: SQLB requires RC4. */
    static final String RC4 = "mirrorguard-rc4";
    /** drift-encryption-disabled: SQLW's endpoint has encryption DISABLED. */
    static final String DISABLED = "mirrorguard-disabled";
    /** drift-cert-expired: every endpoint certificate (and so every peer copy) expired 4 days ago. */
    static final String EXPIRED = "mirrorguard-expired";
    /** faults: SQLF1 unreachable, SQLF2 login fails, SQLF3 slow, SQLF4 drops, SQLF5 hides the catalog, SQLOK fine. */
    static final String FAULTS = "mirrorguard-faults";

    private static final Map<String, String> SCENARIOS = Map.of(DRIFT, "demo-drift", RC4, "drift-encryption-rc4",
            DISABLED, "drift-encryption-disabled", EXPIRED, "drift-cert-expired", FAULTS, "faults");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LiveAgents.class);

    private final Map<String, SimulatedAgent> byJob;

    private LiveAgents(Map<String, SimulatedAgent> byJob) {
        this.byJob = byJob;
    }

    /** Resolves a LiveAgents parameter (e.g. of a @BeforeAll method) to the run's shared agents. */
    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == LiveAgents.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE).computeIfAbsent(LiveAgents.class, k -> startAll(),
                    LiveAgents.class);
        }
    }

    private static LiveAgents startAll() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Map<String, CompletableFuture<SimulatedAgent>> starting = new LinkedHashMap<>();
        SCENARIOS.forEach((job, scenario) -> starting.put(job, CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            try {
                SimulatedAgent agent = SimulatedAgent.start(scenario);
                System.err.printf("%s: first audits done after %d ms%n", agent, (System.nanoTime() - t0) / 1_000_000);
                return agent;
            } catch (java.io.IOException e) {
                throw new CompletionException(e);
            }
        }, pool)));
        Map<String, SimulatedAgent> started = new LinkedHashMap<>();
        List<Throwable> failures = new ArrayList<>();
        starting.forEach((job, future) -> {
            try {
                started.put(job, future.join());
            } catch (CompletionException e) {
                failures.add(e.getCause());
            }
        });
        pool.shutdown();
        if (!failures.isEmpty()) {
            new LiveAgents(started).close();
            IllegalStateException e = new IllegalStateException("cannot start the simulated agents: " + failures);
            failures.forEach(e::addSuppressed);
            throw e;
        }
        return new LiveAgents(started);
    }

    SimulatedAgent agent(String job) {
        SimulatedAgent agent = byJob.get(job);
        if (agent == null) {
            throw new IllegalArgumentException("no agent for job " + job + " (have " + byJob.keySet() + ")");
        }
        return agent;
    }

    /** Job name to host:port, for {@link PrometheusServer#start(ExternalTool, Map, List)}. */
    Map<String, String> targets() {
        Map<String, String> targets = new LinkedHashMap<>();
        byJob.forEach((job, agent) -> targets.put(job, agent.target()));
        return targets;
    }

    @Override
    public void close() {
        byJob.values().forEach(SimulatedAgent::close);
    }
}
