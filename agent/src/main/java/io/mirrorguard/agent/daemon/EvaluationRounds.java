package io.mirrorguard.agent.daemon;

import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.agent.audit.FleetEvaluator;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.FleetScope;
import io.mirrorguard.rules.model.DeclaredLink;
import io.mirrorguard.rules.model.FleetSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * The evaluation part: fleet evaluations are coalesced. A completed audit joins the pending evaluation and waits for
 * it; one evaluator thread runs one evaluation at a time over the latest facts of every instance, so the facts of
 * every audit that joined are in it (they were accepted before joining, and the round reads facts after it closes).
 */
final class EvaluationRounds {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationRounds.class);

    /** @param error why the round has no evaluation, else null */
    record Result(Evaluation evaluation, Map<String, List<Finding>> findingsByInstance, String error) {
        static Result of(Evaluation evaluation) {
            Map<String, List<Finding>> by = new HashMap<>();
            for (Finding f : evaluation.findings()) {
                by.computeIfAbsent(f.instance(), k -> new ArrayList<>()).add(f);
            }
            return new Result(evaluation, by, null);
        }

        static Result failed(String error) {
            return new Result(null, Map.of(), error);
        }
    }

    private static final String SHUTTING_DOWN = "evaluation failed: the agent is shutting down";

    private final LatestFacts latestFacts;
    private final List<DeclaredLink> links;
    private final FleetEvaluator evaluator;
    private final AgentMetrics metrics;
    private final Clock clock;
    private final ExecutorService pool;
    private CompletableFuture<Result> pending;
    private volatile Evaluation latest;

    /** @param pool the single thread evaluations run on */
    EvaluationRounds(LatestFacts latestFacts, List<DeclaredLink> links, FleetEvaluator evaluator,
                     AgentMetrics metrics, Clock clock, ExecutorService pool) {
        this.latestFacts = latestFacts;
        this.links = List.copyOf(links);
        this.evaluator = evaluator;
        this.metrics = metrics;
        this.clock = clock;
        this.pool = pool;
    }

    /** Joins the pending evaluation (starting one when none is pending) and waits for its result. */
    Result join() throws InterruptedException {
        CompletableFuture<Result> round;
        synchronized (this) {
            if (pending == null) {
                pending = new CompletableFuture<>();
                try {
                    pool.execute(this::evaluatePending);
                } catch (RejectedExecutionException closed) {
                    pending.complete(Result.failed(SHUTTING_DOWN));
                    round = pending;
                    pending = null;
                    return round.join();
                }
            }
            round = pending;
        }
        try {
            return round.get();
        } catch (ExecutionException e) {
            return Result.failed(String.valueOf(e.getCause()));
        }
    }

    Optional<Evaluation> latest() {
        return Optional.ofNullable(latest);
    }

    /** Fails the pending round, if any: its joiners return instead of waiting for an evaluator that is gone. */
    synchronized void close() {
        if (pending != null) {
            pending.complete(Result.failed(SHUTTING_DOWN));
            pending = null;
        }
    }

    /** Runs on the evaluator thread: takes the pending round, then reads the facts, then evaluates once. */
    private void evaluatePending() {
        CompletableFuture<Result> round;
        synchronized (this) {
            round = pending;
            pending = null;
        }
        if (round == null) {
            return;
        }
        LatestFacts.Snapshot read = latestFacts.snapshot();
        Evaluation evaluation;
        try {
            evaluation = evaluator.evaluate(
                    new FleetSnapshot(FleetSnapshot.FORMAT_VERSION, clock.instant(), read.facts(), links),
                    new FleetScope(read.notCollectedYet()));
        } catch (RuntimeException | Error e) {
            LOG.error("fleet evaluation failed", e);
            round.complete(Result.failed("evaluation failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            return;
        }
        latest = evaluation;
        try {
            metrics.recordEvaluation(evaluation, read.owns());
        } catch (RuntimeException e) {
            LOG.error("metrics of the fleet evaluation not recorded", e);
        }
        round.complete(Result.of(evaluation));
    }
}
