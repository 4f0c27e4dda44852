package io.mirrorguard.agent.daemon;

import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.agent.audit.FleetEvaluator;
import io.mirrorguard.agent.audit.InstanceStatus;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.schedule.RoundAuditor;
import io.mirrorguard.agent.schedule.SkipReason;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.model.DeclaredLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The one path every audit takes, scheduled or on demand: collect the instance(s) (each within its own timeout),
 * rebuild the fleet snapshot from the latest facts of every instance, re-evaluate the whole fleet (so fleet-level
 * rules follow any change), store the run and update the metrics.
 *
 * <p>Evaluations are coalesced: a completed audit joins the pending evaluation and waits for it; one evaluator
 * thread runs one evaluation at a time over the facts of every audit that joined it.
 *
 * <p>Scheduled audits come as rounds ({@link RoundAuditor}): the scheduler's per-instance jobs collect their
 * instance into the round (facts, status and collection metrics updated at once), and the round is evaluated,
 * stored and reported once, as one run, when its last instance is audited or skipped — what a fleet
 * {@code POST /api/v1/audits} costs, never a fleet evaluation per instance.
 *
 * <p>This class coordinates; the parts do the work: {@link InstanceCollection} collects, {@link LatestFacts} holds
 * what was read, {@link EvaluationRounds} evaluates, {@link AuditRecorder} stores and tells listeners, all on the
 * threads of one {@link AuditPools}.
 */
public final class AuditService implements RoundAuditor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);

    private final Map<String, InstanceSpec> instances = new LinkedHashMap<>();
    private final Map<String, AuditRun> running = new ConcurrentHashMap<>();
    private final AgentMetrics metrics;
    private final Clock clock;
    private final AuditPools pools;
    private final boolean ownsPools;
    private final InstanceCollection collection;
    private final LatestFacts latestFacts;
    private final EvaluationRounds evaluations;
    private final AuditRecorder recorder;
    private final ClusterFacts cluster;
    /** Re-evaluates when other agents stored facts ({@link #followCluster}); null on its own or until followed. */
    private ClusterRefresh refresh;

    /**
     * With threads of its own ({@link AuditPools#create}), closed with the service.
     *
     * @param store       null to keep no history
     * @param concurrency how many instances a fleet audit collects at once
     * @param retention   runs older than this are deleted from the store
     */
    public AuditService(List<InstanceSpec> instances, List<DeclaredLink> links, Collector collector,
                        FleetEvaluator evaluator, AuditStore store, AgentMetrics metrics, Clock clock,
                        int concurrency, Duration retention) {
        this(instances, links, collector, evaluator, store, metrics, clock, AuditPools.create(concurrency), true,
                retention);
    }

    /** On the caller's threads: the caller closes {@code pools} after this service. */
    public AuditService(List<InstanceSpec> instances, List<DeclaredLink> links, Collector collector,
                        FleetEvaluator evaluator, AuditStore store, AgentMetrics metrics, Clock clock,
                        AuditPools pools, Duration retention) {
        this(instances, links, collector, evaluator, store, metrics, clock, pools, false, retention);
    }

    private AuditService(List<InstanceSpec> instances, List<DeclaredLink> links, Collector collector,
                         FleetEvaluator evaluator, AuditStore store, AgentMetrics metrics, Clock clock,
                         AuditPools pools, boolean ownsPools, Duration retention) {
        for (InstanceSpec spec : instances) {
            if (this.instances.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("instances: duplicate instance name " + spec.name());
            }
        }
        this.metrics = metrics;
        this.clock = clock;
        this.pools = pools;
        this.ownsPools = ownsPools;
        ClusterFacts cluster = ClusterFacts.of(store, clock);
        this.cluster = cluster;
        this.collection = new InstanceCollection(collector, pools.collect(), clock, this.instances.keySet(), cluster);
        this.latestFacts = new LatestFacts(this.instances, metrics, clock, cluster);
        this.evaluations = new EvaluationRounds(latestFacts, links == null ? List.of() : links, evaluator, metrics,
                clock, pools.evaluate());
        this.recorder = new AuditRecorder(store, clock, retention);
        metrics.registerInstances(this.instances.keySet());
        metrics.registerSkipReasons(this.instances.keySet(),
                Arrays.stream(SkipReason.values()).map(SkipReason::label).toList());
    }

    /**
     * In a cluster, re-evaluates within {@code every} of another agent storing facts or of the alive agents changing,
     * so the per-instance series this agent owns stay current (ClusterRefresh). Nothing for an agent on its own.
     */
    public synchronized void followCluster(Duration every) {
        if (store().filter(AuditStore::isShared).isPresent() && refresh == null) {
            refresh = new ClusterRefresh(cluster, evaluations, every);
        }
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
        pools.background().submit(() -> {
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

    @Override
    public RoundAuditor.Round begin(boolean startup, java.time.Instant scheduledAt, List<String> names) {
        names.forEach(this::requireKnown);
        return new ScheduledRound(this, start(names, startup ? AuditTrigger.STARTUP : AuditTrigger.SCHEDULED));
    }

    @Override
    public void skipped(java.util.Collection<String> names, SkipReason reason, int periods) {
        for (String name : names) {
            metrics.recordSkipped(name, reason.label(), periods);
        }
        LOG.warn("{} period(s) of {} not audited ({})", periods, describe(List.copyOf(names)), reason.label());
    }

    /**
     * Evaluates and stores a scheduled round in the background: the instance job that completed the round returns at
     * once, so that instance's next part is never held up behind the round's evaluation and store write.
     */
    void finishInBackground(AuditRun run, Set<String> audited, LatestFacts.Accepted accepted) {
        try {
            pools.background().execute(() -> {
                try {
                    evaluateAndRecord(run, audited, accepted);
                } catch (InterruptedException e) {
                    // stopping: the run stays RUNNING and is marked INTERRUPTED at the next start-up
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    LOG.error("round {} not finished", run.id(), e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            LOG.info("round {} not finished: the agent is stopping", run.id());
        }
    }

    /** Collects one instance of a scheduled round and makes its facts the latest (the round evaluates them later). */
    LatestFacts.Accepted collectInto(AuditRun round, String name) throws InterruptedException {
        return latestFacts.accept(round.id(), Map.of(name, collection.collect(instances.get(name))));
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
        recorder.started(run);
        return run;
    }

    private AuditRun execute(AuditRun run) throws InterruptedException {
        try {
            Map<String, InstanceCollection.Collected> collected = new LinkedHashMap<>();
            if (run.instances().size() == 1) {
                String name = run.instances().get(0);
                collected.put(name, collection.collect(instances.get(name)));
            } else {
                Map<String, Future<InstanceCollection.Collected>> futures = new LinkedHashMap<>();
                for (String name : run.instances()) {
                    futures.put(name, pools.fleet().submit(() -> collection.collect(instances.get(name))));
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
            return evaluateAndRecord(run, collected.keySet(), latestFacts.accept(run.id(), collected));
        } finally {
            running.remove(run.id());
        }
    }

    /**
     * Calls {@code listener} after every completed audit, on the thread that ran it (e.g. automatic remediation);
     * a failing listener is logged and never fails the audit.
     */
    public void addAuditListener(Consumer<AuditRun> listener) {
        recorder.addListener(listener);
    }

    /**
     * Evaluates the fleet (joining the pending evaluation) with the accepted facts in it, stores the run with the
     * findings of {@code audited}, and tells the listeners: the end of every audit, on demand or scheduled.
     */
    AuditRun evaluateAndRecord(AuditRun run, Set<String> audited, LatestFacts.Accepted accepted)
            throws InterruptedException {
        List<String> problems = new ArrayList<>(accepted.problems());
        EvaluationRounds.Result result = evaluations.join();
        if (result.error() != null) {
            problems.add(result.error());
        }
        AuditRun done = new AuditRun(run.id(), run.trigger(), run.startedAt(), clock.instant(), run.instances(),
                problems.isEmpty() ? AuditRun.Outcome.SUCCESS : AuditRun.Outcome.FAILURE,
                problems.isEmpty() ? null : String.join("; ", problems));
        List<Finding> runFindings;
        if (audited.size() == 1) {
            runFindings = result.findingsByInstance().getOrDefault(audited.iterator().next(), List.of());
        } else {
            runFindings = result.evaluation() == null ? List.of()
                    : result.evaluation().findings().stream().filter(f -> audited.contains(f.instance())).toList();
        }
        recorder.finished(done, runFindings, result.evaluation() == null ? Set.of() : accepted.readable());
        LOG.info("audit {} ({}) of {}: {}{}", done.id(), done.trigger(), describe(done.instances()), done.outcome(),
                done.detail() == null ? "" : " - " + done.detail());
        running.remove(run.id());
        recorder.notifyListeners(done);
        return done;
    }

    /** Instance lists in log lines: a fleet round names its size, not 1,000 instances. */
    private static String describe(List<String> names) {
        return names.size() <= 10 ? names.toString() : "[" + names.size() + " instances]";
    }

    /** A running or stored audit. */
    public Optional<AuditRun> run(String id) {
        AuditRun r = running.get(id);
        return r != null ? Optional.of(r) : recorder.run(id);
    }

    public Optional<Evaluation> latest() {
        return evaluations.latest();
    }

    public boolean anyAuditDone() {
        return evaluations.latest().isPresent();
    }

    /** Status of every configured instance, in configuration order. */
    public List<InstanceStatus> statuses() {
        return latestFacts.statuses();
    }

    public Optional<AuditStore> store() {
        return recorder.store();
    }

    /** Fails a pending evaluation (its audits return) and, when the pools are this service's, closes them. */
    @Override
    public void close() {
        synchronized (this) {
            if (refresh != null) {
                refresh.close();
            }
        }
        if (ownsPools) {
            // refuse new rounds first, so none is queued after the pending one is failed and left waiting for ever
            pools.shutdownNow();
        }
        evaluations.close();
        if (ownsPools) {
            pools.close();
        }
    }
}
