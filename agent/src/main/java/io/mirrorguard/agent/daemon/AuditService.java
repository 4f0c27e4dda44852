package io.mirrorguard.agent.daemon;

import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.FleetScope;
import io.mirrorguard.rules.model.Collection;
import io.mirrorguard.rules.model.CollectionFailure;
import io.mirrorguard.rules.model.DeclaredLink;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one path every audit takes, scheduled or on demand: collect the instance(s) (each within its own timeout),
 * rebuild the fleet snapshot from the latest facts of every instance, re-evaluate the whole fleet (so fleet-level
 * rules follow any change), store the run and update the metrics.
 *
 * <p>Evaluations are coalesced: a completed audit joins the pending evaluation round and waits for it; one
 * evaluator thread runs a round at a time over the facts of every audit that joined it. A cron round of n
 * per-instance jobs thus costs a few fleet evaluations instead of n, while each audit still returns (and is stored)
 * with an evaluation that includes its own facts.
 */
public final class AuditService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);

    private final Map<String, InstanceSpec> instances = new LinkedHashMap<>();
    private final List<DeclaredLink> links;
    private final Collector collector;
    private final FleetEvaluator evaluator;
    private final AuditStore store;
    private final AgentMetrics metrics;
    private final Clock clock;
    private final Duration retention;

    private final Map<String, ReentrantLock> instanceLocks = new ConcurrentHashMap<>();
    private final Map<String, InstanceFacts> latestFacts = new ConcurrentHashMap<>();
    private final Map<String, InstanceStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, AuditRun> running = new ConcurrentHashMap<>();
    /** Guards latestFacts/statuses updates together with joining {@link #pending}. */
    private final Object factsLock = new Object();
    private final Object storeLock = new Object();
    private Round pending;
    private final ExecutorService evaluatorPool;
    private final ExecutorService collectPool;
    private final ExecutorService fleetPool;
    private final ExecutorService onDemandPool;
    private volatile Evaluation latest;
    private final List<java.util.function.Consumer<AuditRun>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Instant lastRetention = Instant.EPOCH;
    private final ClusterFacts cluster;

    /**
     * @param store       null to keep no history
     * @param concurrency how many instances a fleet audit collects at once
     * @param retention   runs older than this are deleted from the store
     */
    public AuditService(List<InstanceSpec> instances, List<DeclaredLink> links, Collector collector,
                        FleetEvaluator evaluator, AuditStore store, AgentMetrics metrics, Clock clock,
                        int concurrency, Duration retention) {
        for (InstanceSpec spec : instances) {
            if (this.instances.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("instances: duplicate instance name " + spec.name());
            }
            instanceLocks.put(spec.name(), new ReentrantLock());
        }
        this.links = links == null ? List.of() : List.copyOf(links);
        this.collector = collector;
        this.evaluator = evaluator;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.retention = retention;
        this.cluster = ClusterFacts.of(store, clock);
        this.collectPool = Executors.newCachedThreadPool(daemonThreads("mirrorguard-collect"));
        this.fleetPool = Executors.newFixedThreadPool(Math.max(1, concurrency), daemonThreads("mirrorguard-fleet"));
        this.onDemandPool = Executors.newFixedThreadPool(2, daemonThreads("mirrorguard-on-demand"));
        this.evaluatorPool = Executors.newSingleThreadExecutor(daemonThreads("mirrorguard-evaluate"));
        metrics.registerInstances(this.instances.keySet());
    }

    public Set<String> instanceNames() {
        return instances.keySet();
    }

    public Optional<InstanceSpec> instance(String name) {
        return Optional.ofNullable(instances.get(name));
    }

    /** Audits one instance and re-evaluates the fleet; blocks until done. */
    public AuditRun auditInstance(String name, AuditTrigger trigger) throws InterruptedException {
        return execute(start(List.of(requireKnown(name)), trigger));
    }

    /** Audits every instance (in parallel, bounded by the concurrency) and evaluates the fleet once. */
    public AuditRun auditFleet(AuditTrigger trigger) throws InterruptedException {
        return execute(start(List.copyOf(instances.keySet()), trigger));
    }

    /**
     * Starts an audit of one instance (or of the fleet when {@code instance} is empty) in the background and returns
     * it as RUNNING, with its id.
     */
    public AuditRun submit(Optional<String> instance, AuditTrigger trigger) {
        List<String> names = instance.map(n -> List.of(requireKnown(n))).orElse(List.copyOf(instances.keySet()));
        AuditRun run = start(names, trigger);
        onDemandPool.submit(() -> {
            try {
                execute(run);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("audit {} failed", run.id(), e);
            }
        });
        return run;
    }

    private String requireKnown(String name) {
        if (!instances.containsKey(name)) {
            throw new UnknownInstanceException(name);
        }
        return name;
    }

    private AuditRun start(List<String> names, AuditTrigger trigger) {
        AuditRun run = new AuditRun(UUID.randomUUID().toString(), trigger, clock.instant(), null, names,
                AuditRun.Outcome.RUNNING, null);
        running.put(run.id(), run);
        if (store != null) {
            try {
                store.recordStarted(run);
            } catch (RuntimeException e) {
                LOG.warn("audit {}: not recorded as started: {}", run.id(), e.getMessage());
            }
        }
        return run;
    }

    private record Collected(InstanceFacts facts, Duration took) {}

    private AuditRun execute(AuditRun run) throws InterruptedException {
        try {
            Map<String, Collected> collected = new LinkedHashMap<>();
            if (run.instances().size() == 1) {
                String name = run.instances().get(0);
                collected.put(name, collectLocked(instances.get(name)));
            } else {
                Map<String, Future<Collected>> futures = new LinkedHashMap<>();
                for (String name : run.instances()) {
                    futures.put(name, fleetPool.submit(() -> collectLocked(instances.get(name))));
                }
                try {
                    for (var e : futures.entrySet()) {
                        collected.put(e.getKey(), e.getValue().get());
                    }
                } catch (InterruptedException e) {
                    futures.values().forEach(f -> f.cancel(true));
                    throw e;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("collection task failed", e.getCause());
                }
            }
            AuditRun done = complete(run, collected);
            running.remove(run.id());
            notifyListeners(done);
            return done;
        } finally {
            running.remove(run.id());
        }
    }

    /**
     * Calls {@code listener} after every completed audit, on the thread that ran it (e.g. automatic remediation);
     * a failing listener is logged and never fails the audit.
     */
    public void addAuditListener(java.util.function.Consumer<AuditRun> listener) {
        listeners.add(listener);
    }

    private void notifyListeners(AuditRun done) {
        for (var l : listeners) {
            try {
                l.accept(done);
            } catch (RuntimeException e) {
                LOG.error("after audit {}: listener failed", done.id(), e);
            }
        }
    }

    private Collected collectLocked(InstanceSpec spec) throws InterruptedException {
        ReentrantLock lock = instanceLocks.get(spec.name());
        lock.lockInterruptibly();
        try {
            return cluster.exclusively(spec, () -> collectWithTimeout(spec), busy -> new Collected(busy, Duration.ZERO));
        } finally {
            lock.unlock();
        }
    }

    private Collected collectWithTimeout(InstanceSpec spec) throws InterruptedException {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        Future<InstanceFacts> future = collectPool.submit(() -> collector.collect(spec.name()));
        InstanceFacts facts;
        try {
            facts = future.get(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (facts == null) {
                facts = failed(spec, started, t0, CollectionFailure.ERROR, "collector returned nothing");
            }
        } catch (TimeoutException e) {
            cancel(spec, future);
            facts = failed(spec, started, t0, CollectionFailure.TIMEOUT,
                    "no answer within " + spec.timeout().toSeconds() + "s");
        } catch (InterruptedException e) {
            cancel(spec, future);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            facts = failed(spec, started, t0, CollectionFailure.ERROR,
                    cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
        return new Collected(facts, Duration.ofNanos(System.nanoTime() - t0));
    }

    private void cancel(InstanceSpec spec, Future<?> future) {
        future.cancel(true);
        try {
            collector.cancel(spec.name());
        } catch (RuntimeException e) {
            LOG.warn("cancelling the collection of {} failed: {}", spec.name(), e.getMessage());
        }
    }

    private static InstanceFacts failed(InstanceSpec spec, Instant started, long t0, CollectionFailure failure,
                                        String reason) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        return InstanceFacts.unreadable(spec.target(), Collection.failed(started, millis, failure, reason));
    }

    /** One fleet evaluation shared by every audit that completed while the previous one ran. */
    private static final class Round {
        final CompletableFuture<RoundResult> result = new CompletableFuture<>();
    }

    /** @param error why the round has no evaluation, else null */
    private record RoundResult(Evaluation evaluation, Map<String, List<Finding>> findingsByInstance, String error) {
        static RoundResult of(Evaluation evaluation) {
            Map<String, List<Finding>> by = new HashMap<>();
            for (Finding f : evaluation.findings()) {
                by.computeIfAbsent(f.instance(), k -> new ArrayList<>()).add(f);
            }
            return new RoundResult(evaluation, by, null);
        }

        static RoundResult failed(String error) {
            return new RoundResult(null, Map.of(), error);
        }
    }

    private AuditRun complete(AuditRun run, Map<String, Collected> collected) throws InterruptedException {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        Set<String> readable = new HashSet<>();
        Round round;
        collected.values().forEach(c -> cluster.share(c.facts()));
        synchronized (factsLock) {
            collected.forEach((name, c) -> {
                latestFacts.put(name, c.facts());
                Collection col = c.facts().collection();
                // up means the catalog was read: a collection that ran but could not see every section is not up
                boolean ok = c.facts().readCompletely();
                String failure = ok ? null : !col.succeeded()
                        ? col.failure() + (col.reason() == null ? "" : ": " + col.reason())
                        : "catalog read only partly: " + String.join("; ", c.facts().unreadSections());
                if (ok) {
                    readable.add(name);
                } else {
                    problems.add(name + ": " + failure);
                }
                metrics.recordCollection(name, ok, c.took(), now);
                InstanceStatus previous = statuses.get(name);
                statuses.put(name, new InstanceStatus(name, run.id(), now, ok, c.took().toNanos() / 1e9,
                        ok ? now : previous == null ? null : previous.lastSuccessAt(),
                        failure));
            });
            round = joinRound();
        }
        RoundResult result;
        try {
            result = round.result.get();
        } catch (ExecutionException e) {
            result = RoundResult.failed(String.valueOf(e.getCause()));
        }
        if (result.error() != null) {
            problems.add(result.error());
        }
        AuditRun done = new AuditRun(run.id(), run.trigger(), run.startedAt(), clock.instant(), run.instances(),
                problems.isEmpty() ? AuditRun.Outcome.SUCCESS : AuditRun.Outcome.FAILURE,
                problems.isEmpty() ? null : String.join("; ", problems));
        List<Finding> runFindings;
        if (run.instances().size() == 1) {
            runFindings = result.findingsByInstance().getOrDefault(run.instances().get(0), List.of());
        } else {
            Set<String> names = new HashSet<>(run.instances());
            runFindings = result.evaluation() == null ? List.of()
                    : result.evaluation().findings().stream().filter(f -> names.contains(f.instance())).toList();
        }
        record(done, runFindings, result.evaluation() == null ? Set.of() : readable);
        LOG.info("audit {} ({}) of {}: {}{}", done.id(), done.trigger(), done.instances(), done.outcome(),
                done.detail() == null ? "" : " - " + done.detail());
        return done;
    }

    /** The round the caller's facts (already in latestFacts) will be evaluated in; call holding factsLock. */
    private Round joinRound() {
        if (pending == null) {
            Round round = new Round();
            pending = round;
            try {
                evaluatorPool.execute(this::evaluatePending);
            } catch (RejectedExecutionException closed) {
                pending = null;
                round.result.complete(RoundResult.failed("evaluation failed: the agent is shutting down"));
            }
            return round;
        }
        return pending;
    }

    /** Runs on the evaluator thread: takes the pending round, evaluates the fleet once for all who joined it. */
    private void evaluatePending() {
        Round round;
        Map<String, InstanceFacts> local = new HashMap<>();
        synchronized (factsLock) {
            round = pending;
            pending = null;
            local.putAll(latestFacts);
        }
        if (round == null) {
            return;
        }
        Map<String, InstanceFacts> newest = cluster.newest(instances.keySet(), local);
        List<InstanceFacts> facts = new ArrayList<>();
        List<FleetScope.Uncollected> notYet = new ArrayList<>();
        for (String name : instances.keySet()) {
            InstanceFacts f = newest.get(name);
            if (f != null) {
                facts.add(f);
            } else {
                notYet.add(NotCollectedYet.of(instances.get(name).target()));
            }
        }
        Evaluation evaluation;
        try {
            evaluation = evaluator.evaluate(
                    new FleetSnapshot(FleetSnapshot.FORMAT_VERSION, clock.instant(), facts, links),
                    new FleetScope(notYet));
        } catch (RuntimeException | Error e) {
            LOG.error("fleet evaluation failed", e);
            round.result.complete(RoundResult.failed("evaluation failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            return;
        }
        latest = evaluation;
        try {
            metrics.recordEvaluation(evaluation);
        } catch (RuntimeException e) {
            LOG.error("metrics of the fleet evaluation not recorded", e);
        }
        round.result.complete(RoundResult.of(evaluation));
    }

    private void record(AuditRun done, List<Finding> findings, Set<String> resolvable) {
        if (store == null) {
            return;
        }
        synchronized (storeLock) {
            recordLocked(done, findings, resolvable);
        }
    }

    private void recordLocked(AuditRun done, List<Finding> findings, Set<String> resolvable) {
        try {
            store.recordFinished(done, findings, resolvable);
            Instant now = clock.instant();
            if (Duration.between(lastRetention, now).compareTo(Duration.ofHours(1)) >= 0) {
                lastRetention = now;
                int deleted = store.applyRetention(retention, now);
                if (deleted > 0) {
                    LOG.info("retention: deleted {} audit runs older than {} days", deleted, retention.toDays());
                }
            }
        } catch (RuntimeException e) {
            LOG.error("audit {}: not stored: {}", done.id(), e.getMessage());
        }
    }

    /** A running or stored audit. */
    public Optional<AuditRun> run(String id) {
        AuditRun r = running.get(id);
        if (r != null) {
            return Optional.of(r);
        }
        return store == null ? Optional.empty() : store.run(id);
    }

    public Optional<Evaluation> latest() {
        return Optional.ofNullable(latest);
    }

    public boolean anyAuditDone() {
        return latest != null;
    }

    /** Status of every configured instance, in configuration order. */
    public List<InstanceStatus> statuses() {
        List<InstanceStatus> out = new ArrayList<>();
        for (String name : instances.keySet()) {
            out.add(statuses.getOrDefault(name, new InstanceStatus(name, null, null, false, null, null, null)));
        }
        return out;
    }

    public Optional<AuditStore> store() {
        return Optional.ofNullable(store);
    }

    @Override
    public void close() {
        onDemandPool.shutdownNow();
        fleetPool.shutdownNow();
        collectPool.shutdownNow();
        evaluatorPool.shutdownNow();
        synchronized (factsLock) {
            if (pending != null) {
                pending.result.complete(RoundResult.failed("evaluation failed: the agent is shutting down"));
                pending = null;
            }
        }
        try {
            onDemandPool.awaitTermination(5, TimeUnit.SECONDS);
            fleetPool.awaitTermination(5, TimeUnit.SECONDS);
            evaluatorPool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
