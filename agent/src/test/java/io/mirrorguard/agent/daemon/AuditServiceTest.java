package io.mirrorguard.agent.daemon;

import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.audit.FleetEvaluator;
import io.mirrorguard.agent.audit.InstanceStatus;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.metrics.MetricFamilies;
import io.mirrorguard.agent.metrics.Scrape;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.agent.store.StoredFinding;
import io.mirrorguard.agent.testing.Facts;
import io.mirrorguard.agent.testing.FakeEvaluator;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditServiceTest {
    @TempDir
    Path dir;

    private final FakeEvaluator evaluator = new FakeEvaluator();
    private final AgentMetrics metrics = new AgentMetrics("test");
    private final Map<String, InstanceFacts> answers = new ConcurrentHashMap<>();
    private final CountDownLatch never = new CountDownLatch(1);
    private AuditStore store;
    private AuditService service;

    private AuditService service(Collector collector, Duration timeout) {
        store = AuditStore.open(dir);
        service = new AuditService(
                List.of(new InstanceSpec(Target.named("SQLA"), timeout), new InstanceSpec(Target.named("SQLB"), timeout)),
                List.of(), collector, evaluator, store, metrics, Clock.systemUTC(), 2, Duration.ofDays(30));
        return service;
    }

    private AuditService service() {
        answers.put("SQLA", Facts.instance("SQLA", "SQLB"));
        answers.put("SQLB", Facts.instance("SQLB", "SQLA"));
        return service(answers::get, Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        never.countDown();
        if (service != null) {
            service.close();
        }
        if (store != null) {
            store.close();
        }
        metrics.close();
    }

    @Test
    void each_evaluation_starts_from_the_latest_one() throws Exception {
        answers.put("SQLA", Facts.instance("SQLA", "SQLB"));
        answers.put("SQLB", Facts.instance("SQLB", "SQLA"));
        List<io.mirrorguard.agent.audit.Evaluation> previous = new java.util.concurrent.CopyOnWriteArrayList<>();
        FleetEvaluator recording = new FleetEvaluator() {
            @Override
            public io.mirrorguard.agent.audit.Evaluation evaluate(io.mirrorguard.rules.model.FleetSnapshot s) {
                return evaluator.evaluate(s);
            }

            @Override
            public io.mirrorguard.agent.audit.Evaluation evaluate(io.mirrorguard.agent.audit.Evaluation before,
                    io.mirrorguard.rules.model.FleetSnapshot s, io.mirrorguard.rules.engine.FleetScope scope) {
                previous.add(before == null ? NONE : before);
                return evaluator.evaluate(s);
            }
        };
        store = AuditStore.open(dir);
        service = new AuditService(List.of(new InstanceSpec(Target.named("SQLA"), Duration.ofSeconds(30)),
                new InstanceSpec(Target.named("SQLB"), Duration.ofSeconds(30))), List.of(), answers::get, recording,
                store, metrics, Clock.systemUTC(), 2, Duration.ofDays(30));

        service.auditInstance("SQLA", AuditTrigger.SCHEDULED);
        var first = service.latest().orElseThrow();
        service.auditInstance("SQLB", AuditTrigger.SCHEDULED);

        assertThat(previous).hasSize(2);
        assertThat(previous.get(0)).isSameAs(NONE);
        assertThat(previous.get(1)).isSameAs(first);
    }

    private static final io.mirrorguard.agent.audit.Evaluation NONE = new io.mirrorguard.agent.audit.Evaluation(
            Facts.NOW, new io.mirrorguard.rules.model.FleetSnapshot(1, Facts.NOW, List.of(), List.of()), List.of(),
            List.of(), null);

    @Test
    void each_instance_audit_re_evaluates_the_fleet_from_the_latest_facts_of_all_instances() throws Exception {
        service();
        AuditRun first = service.auditInstance("SQLA", AuditTrigger.SCHEDULED);
        assertThat(first.outcome()).isEqualTo(AuditRun.Outcome.SUCCESS);
        assertThat(evaluator.snapshots.get(0).instances()).extracting(InstanceFacts::name).containsExactly("SQLA");
        assertThat(service.latest().orElseThrow().findings())
                .anySatisfy(f -> {
                    assertThat(f.ruleId()).isEqualTo("fleet-has-partner");
                    assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
                });

        service.auditInstance("SQLB", AuditTrigger.SCHEDULED);
        assertThat(evaluator.snapshots.get(1).instances()).extracting(InstanceFacts::name)
                .containsExactly("SQLA", "SQLB");
        // the fleet-level finding of SQLA changed although only SQLB was audited
        assertThat(service.latest().orElseThrow().findings())
                .filteredOn(f -> f.ruleId().equals("fleet-has-partner"))
                .allSatisfy(f -> assertThat(f.outcome()).isEqualTo(Outcome.PASS));
        // SQLA's FAIL resolves on SQLA's next audit, not on SQLB's
        assertThat(store.lifecycles()).singleElement().satisfies(l -> assertThat(l.open()).isTrue());
        service.auditInstance("SQLA", AuditTrigger.ON_DEMAND);
        assertThat(store.lifecycles()).singleElement().satisfies(l -> assertThat(l.open()).isFalse());
    }

    /** Rounds are finished in the background: waits until the run is no longer RUNNING. */
    private void awaitStored(String runId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (service.run(runId).orElseThrow().outcome() == AuditRun.Outcome.RUNNING) {
            assertThat(System.nanoTime()).as("run %s stored within 30 s", runId).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void a_scheduled_round_is_evaluated_and_stored_once_when_its_last_instance_is_done() throws Exception {
        service();
        var round = service.begin(false, java.time.Instant.now(), List.of("SQLA", "SQLB"));
        assertThat(round.audit("SQLA")).isTrue();
        assertThat(round.audit("SQLA")).as("a part runs once").isFalse();
        // SQLA's status is current at once; nothing is evaluated before the round's last part
        assertThat(service.statuses().get(0).up()).isTrue();
        assertThat(evaluator.snapshots).isEmpty();
        assertThat(service.run(round.id()).orElseThrow().outcome()).isEqualTo(AuditRun.Outcome.RUNNING);

        assertThat(round.audit("SQLB")).isTrue();
        assertThat(round.finished()).isTrue();
        awaitStored(round.id());
        assertThat(evaluator.snapshots).as("one fleet evaluation for the round").hasSize(1);
        assertThat(evaluator.snapshots.get(0).instances()).extracting(InstanceFacts::name)
                .containsExactly("SQLA", "SQLB");
        AuditRun run = service.run(round.id()).orElseThrow();
        assertThat(run.trigger()).isEqualTo(AuditTrigger.SCHEDULED);
        assertThat(run.outcome()).isEqualTo(AuditRun.Outcome.SUCCESS);
        assertThat(store.findingsOf(round.id())).extracting(StoredFinding::instance).contains("SQLA", "SQLB");
    }

    @Test
    void a_skipped_part_is_counted_named_in_the_run_and_its_findings_are_not_recorded_as_read() throws Exception {
        service();
        service.auditFleet(AuditTrigger.ON_DEMAND);
        var round = service.begin(false, java.time.Instant.now(), List.of("SQLA", "SQLB"));
        assertThat(round.audit("SQLA")).isTrue();
        round.skip(List.of("SQLB"), io.mirrorguard.agent.schedule.SkipReason.OVERRUN);
        assertThat(round.audit("SQLB")).as("skipped parts do not run").isFalse();
        awaitStored(round.id());
        AuditRun run = service.run(round.id()).orElseThrow();
        assertThat(run.outcome()).isEqualTo(AuditRun.Outcome.FAILURE);
        assertThat(run.detail()).isEqualTo("SQLB: not audited this period (overrun)");
        assertThat(store.findingsOf(round.id())).isNotEmpty().allSatisfy(f -> assertThat(f.instance())
                .isEqualTo("SQLA"));
        assertThat(Scrape.parse(metrics.scrape()).samples(MetricFamilies.AUDITS_SKIPPED))
                .filteredOn(x -> x.labels().get("instance").equals("SQLB") && x.labels().get("reason").equals("overrun"))
                .singleElement().satisfies(x -> assertThat(x.value()).isEqualTo(1));
    }

    @Test
    void audits_completing_while_an_evaluation_runs_share_the_next_evaluation() throws Exception {
        int n = 6;
        List<InstanceSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "SQL" + i;
            answers.put(name, Facts.instance(name));
            specs.add(new InstanceSpec(Target.named(name), Duration.ofSeconds(30)));
        }
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger evaluations = new java.util.concurrent.atomic.AtomicInteger();
        FleetEvaluator counting = snap -> {
            if (evaluations.incrementAndGet() == 1) {
                firstEntered.countDown();
                try {
                    releaseFirst.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return evaluator.evaluate(snap);
        };
        store = AuditStore.open(dir);
        service = new AuditService(specs, List.of(), answers::get, counting, store, metrics, Clock.systemUTC(), 2,
                Duration.ofDays(30));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            List<java.util.concurrent.Future<AuditRun>> runs = new java.util.ArrayList<>();
            runs.add(pool.submit(() -> service.auditInstance("SQL0", AuditTrigger.SCHEDULED)));
            assertThat(firstEntered.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i < n; i++) {
                String name = "SQL" + i;
                runs.add(pool.submit(() -> service.auditInstance(name, AuditTrigger.SCHEDULED)));
            }
            // every later audit has handed in its facts (status set) while the first evaluation is still blocked
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (service.statuses().stream().anyMatch(st -> st.lastAuditId() == null)
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(service.statuses()).allSatisfy(st -> assertThat(st.lastAuditId()).isNotNull());
            releaseFirst.countDown();
            for (int i = 0; i < n; i++) {
                AuditRun run = runs.get(i).get(30, TimeUnit.SECONDS);
                assertThat(run.outcome()).isEqualTo(AuditRun.Outcome.SUCCESS);
                // each audit is stored with findings of an evaluation that saw its own facts
                assertThat(store.findingsOf(run.id())).extracting(io.mirrorguard.agent.store.StoredFinding::instance).contains("SQL" + i);
            }
        } finally {
            releaseFirst.countDown();
            pool.shutdownNow();
        }
        assertThat(evaluations.get()).isLessThan(n).isEqualTo(2);
        assertThat(evaluator.snapshots.get(1).instances()).hasSize(n);
        assertThat(service.latest().orElseThrow().snapshot().instances()).hasSize(n);
    }

    @Test
    void a_fleet_audit_collects_every_instance_and_stores_one_run_with_their_findings() throws Exception {
        service();
        AuditRun run = service.auditFleet(AuditTrigger.STARTUP);
        assertThat(run.instances()).containsExactly("SQLA", "SQLB");
        assertThat(evaluator.snapshots).hasSize(1);
        assertThat(store.run(run.id())).hasValueSatisfying(r -> {
            assertThat(r.outcome()).isEqualTo(AuditRun.Outcome.SUCCESS);
            assertThat(r.trigger()).isEqualTo(AuditTrigger.STARTUP);
            assertThat(r.instances()).containsExactly("SQLA", "SQLB");
        });
        assertThat(store.findingsOf(run.id())).hasSize(4);
        assertThat(service.statuses()).allSatisfy(s -> {
            assertThat(s.up()).isTrue();
            assertThat(s.lastAuditId()).isEqualTo(run.id());
            assertThat(s.lastSuccessAt()).isNotNull();
        });
        Scrape scrape = Scrape.parse(metrics.scrape());
        assertThat(scrape.samples(MetricFamilies.AUDITS))
                .filteredOn(s -> s.labels().get("outcome").equals("success"))
                .allSatisfy(s -> assertThat(s.value()).isEqualTo(1));
        assertThat(scrape.samples(MetricFamilies.PEER_TRUST)).hasSize(2);
    }

    @Test
    void a_collection_that_does_not_answer_within_its_timeout_is_cancelled_and_reported() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        service(instance -> {
            if (instance.equals("SQLB")) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
            }
            return Facts.instance(instance);
        }, Duration.ofMillis(300));
        AuditRun run = service.auditFleet(AuditTrigger.SCHEDULED);
        assertThat(run.outcome()).isEqualTo(AuditRun.Outcome.FAILURE);
        assertThat(run.detail()).startsWith("SQLB: TIMEOUT");
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("blocked collection interrupted").isTrue();
        InstanceStatus b = service.statuses().get(1);
        assertThat(b.up()).isFalse();
        assertThat(b.lastFailure()).startsWith("TIMEOUT");
        assertThat(service.statuses().get(0).up()).isTrue();
        assertThat(service.latest().orElseThrow().findings())
                .anySatisfy(f -> {
                    assertThat(f.instance()).isEqualTo("SQLB");
                    assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
                });
    }

    @Test
    void a_timeout_also_asks_the_collector_to_cancel_the_blocked_instance() throws Exception {
        List<String> cancelled = new java.util.concurrent.CopyOnWriteArrayList<>();
        service(new Collector() {
            @Override
            public InstanceFacts collect(String instance) throws InterruptedException {
                if (instance.equals("SQLB")) {
                    never.await();
                }
                return Facts.instance(instance);
            }

            @Override
            public void cancel(String instance) {
                cancelled.add(instance);
            }
        }, Duration.ofMillis(200));
        service.auditFleet(AuditTrigger.SCHEDULED);
        assertThat(cancelled).containsExactly("SQLB");
    }

    @Test
    void a_collector_exception_becomes_an_error_collection_not_a_crash() throws Exception {
        service(instance -> {
            throw new IllegalStateException("driver exploded");
        }, Duration.ofSeconds(5));
        AuditRun run = service.auditInstance("SQLA", AuditTrigger.SCHEDULED);
        assertThat(run.outcome()).isEqualTo(AuditRun.Outcome.FAILURE);
        assertThat(run.detail()).isEqualTo("SQLA: ERROR: IllegalStateException: driver exploded");
    }

    @Test
    void a_collection_that_could_not_see_every_section_is_not_up() throws Exception {
        InstanceFacts full = Facts.instance("SQLA");
        InstanceFacts partial = new InstanceFacts(full.target(), full.collection(), full.identity(), full.masterKey(),
                io.mirrorguard.rules.model.Section.notVisible("VIEW ANY DEFINITION missing"), full.endpoints(),
                full.serverPrincipals(), full.masterPrincipals(), full.serverRoleMembers(), full.serverPermissions(),
                full.mirroredDatabases(), full.witnessRoles(), full.availabilityReplicas(), full.connections(),
                full.availabilityGroups(), full.availabilityDatabases(), full.seedingOperations());
        service(instance -> partial, Duration.ofSeconds(5));
        AuditRun run = service.auditInstance("SQLA", AuditTrigger.SCHEDULED);
        InstanceStatus status = service.statuses().stream().filter(x -> x.instance().equals("SQLA")).findFirst()
                .orElseThrow();
        assertThat(status.up()).isFalse();
        assertThat(status.lastFailure()).contains("certificates (NOT_VISIBLE: VIEW ANY DEFINITION missing)");
        assertThat(run.outcome()).isEqualTo(AuditRun.Outcome.FAILURE);
    }

    @Test
    void an_evaluation_failure_is_a_failed_run_and_keeps_the_previous_result() throws Exception {
        answers.put("SQLA", Facts.instance("SQLA"));
        boolean[] explode = {false};
        store = AuditStore.open(dir);
        service = new AuditService(List.of(new InstanceSpec(Target.named("SQLA"), Duration.ofSeconds(5))), List.of(),
                answers::get, snap -> {
                    if (explode[0]) {
                        throw new IllegalStateException("rule bug");
                    }
                    return evaluator.evaluate(snap);
                }, store, metrics, Clock.systemUTC(), 1, Duration.ofDays(1));
        service.auditInstance("SQLA", AuditTrigger.SCHEDULED);
        var before = service.latest().orElseThrow();
        explode[0] = true;
        AuditRun run = service.auditInstance("SQLA", AuditTrigger.SCHEDULED);
        assertThat(run.outcome()).isEqualTo(AuditRun.Outcome.FAILURE);
        assertThat(run.detail()).contains("evaluation failed: IllegalStateException: rule bug");
        assertThat(service.latest()).containsSame(before);
    }

    @Test
    void an_on_demand_audit_returns_its_id_at_once_and_is_found_by_it_later() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        service(instance -> {
            release.await();
            return Facts.instance(instance);
        }, Duration.ofSeconds(30));
        AuditRun started = service.submit(Optional.of("SQLB"), AuditTrigger.ON_DEMAND);
        assertThat(started.outcome()).isEqualTo(AuditRun.Outcome.RUNNING);
        assertThat(service.run(started.id())).hasValueSatisfying(
                r -> assertThat(r.outcome()).isEqualTo(AuditRun.Outcome.RUNNING));
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (service.run(started.id()).orElseThrow().outcome() == AuditRun.Outcome.RUNNING
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        AuditRun done = service.run(started.id()).orElseThrow();
        assertThat(done.outcome()).isEqualTo(AuditRun.Outcome.SUCCESS);
        assertThat(done.instances()).containsExactly("SQLB");
        assertThat(done.trigger()).isEqualTo(AuditTrigger.ON_DEMAND);
    }

    @Test
    void unknown_instances_and_duplicate_names_are_refused() {
        service();
        assertThatThrownBy(() -> service.auditInstance("NOPE", AuditTrigger.ON_DEMAND))
                .isInstanceOf(UnknownInstanceException.class).hasMessageContaining("NOPE");
        assertThatThrownBy(() -> new AuditService(
                List.of(new InstanceSpec(Target.named("X"), Duration.ofSeconds(1)),
                        new InstanceSpec(Target.named("X"), Duration.ofSeconds(1))),
                List.of(), answers::get, evaluator, null, metrics, Clock.systemUTC(), 1, Duration.ofDays(1)))
                .hasMessageContaining("duplicate instance name X");
    }

    @Test
    void without_a_store_audits_still_run() throws Exception {
        answers.put("SQLA", Facts.instance("SQLA"));
        service = new AuditService(List.of(new InstanceSpec(Target.named("SQLA"), Duration.ofSeconds(5))), List.of(),
                answers::get, evaluator, null, metrics, Clock.systemUTC(), 1, Duration.ofDays(1));
        AuditRun run = service.auditInstance("SQLA", AuditTrigger.SCHEDULED);
        assertThat(run.outcome()).isEqualTo(AuditRun.Outcome.SUCCESS);
        assertThat(service.run(run.id())).isEmpty();
        assertThat(service.anyAuditDone()).isTrue();
        assertThat(Set.copyOf(service.instanceNames())).containsExactly("SQLA");
    }
}
