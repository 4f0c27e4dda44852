package io.mirrorguard.agent.schedule;

import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.daemon.AuditService;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.daemon.InstanceSpec;
import io.mirrorguard.agent.audit.InstanceStatus;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.metrics.MetricFamilies;
import io.mirrorguard.agent.metrics.Scrape;
import io.mirrorguard.agent.testing.Facts;
import io.mirrorguard.agent.testing.FakeEvaluator;
import io.mirrorguard.rules.model.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditSchedulerTest {
    private static final String EVERY_SECOND = "* * * * * ?";
    private static final String NEVER = "0 0 0 1 1 ? 2099";

    private final AgentMetrics metrics = new AgentMetrics("test");
    private final CountDownLatch releaseDead = new CountDownLatch(1);
    private final CountDownLatch deadInterrupted = new CountDownLatch(1);
    private final CountDownLatch deadStarted = new CountDownLatch(1);
    private final AtomicInteger fastCollections = new AtomicInteger();
    private final List<AuditRun> finished = new CopyOnWriteArrayList<>();
    private AuditService service;
    private AuditScheduler scheduler;

    /** "dead" blocks until released or interrupted; "fast" answers at once. */
    private AuditService service(Duration deadTimeout) {
        service = new AuditService(List.of(
                new InstanceSpec(Target.named("dead"), deadTimeout),
                new InstanceSpec(Target.named("fast"), Duration.ofSeconds(30))), List.of(),
                instance -> {
                    if (instance.equals("dead")) {
                        deadStarted.countDown();
                        try {
                            releaseDead.await();
                        } catch (InterruptedException e) {
                            deadInterrupted.countDown();
                            throw e;
                        }
                    } else {
                        fastCollections.incrementAndGet();
                    }
                    return Facts.instance(instance);
                }, new FakeEvaluator(), null, metrics, Clock.systemUTC(), 2, Duration.ofDays(1));
        service.addAuditListener(finished::add);
        return service;
    }

    @AfterEach
    void stop() {
        releaseDead.countDown();
        if (scheduler != null) {
            scheduler.shutdown();
        }
        if (service != null) {
            service.close();
        }
        metrics.close();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private double skipped(String instance, SkipReason reason) {
        return Scrape.parse(metrics.scrape()).samples(MetricFamilies.AUDITS_SKIPPED).stream()
                .filter(s -> s.labels().get("instance").equals(instance)
                        && s.labels().get("reason").equals(reason.label()))
                .findFirst().orElseThrow().value();
    }

    @Test
    void a_blocked_instance_does_not_hold_up_the_others_and_shutdown_interrupts_it() throws Exception {
        service(Duration.ofMinutes(10));
        scheduler = new AuditScheduler(new ScheduleSettings(EVERY_SECOND, 0, 2, true), service);
        scheduler.start(service.instanceNames());
        assertThat(scheduler.isRunning()).isTrue();
        assertThat(deadStarted.await(30, TimeUnit.SECONDS)).isTrue();
        await("three audits of fast while dead is blocked", () -> fastCollections.get() >= 3);
        assertThat(deadInterrupted.getCount()).as("dead still blocked").isEqualTo(1);
        assertThat(service.statuses()).filteredOn(s -> s.instance().equals("dead"))
                .singleElement().satisfies(s -> assertThat(s.lastAuditAt()).isNull());
        // the rounds after the first found dead's audit still running: its parts of them never started
        await("a period of dead counted as skipped", () -> skipped("dead", SkipReason.OVERRUN) >= 1);
        // a round is evaluated and stored in the background once its last part is done or skipped
        await("a round with fast audited and dead skipped stored as a run", () -> finished.stream()
                .anyMatch(r -> r.detail() != null && r.detail().contains("dead: not audited this period (overrun)")));
        assertThat(skipped("fast", SkipReason.OVERRUN)).isZero();

        scheduler.shutdown();
        assertThat(deadInterrupted.await(10, TimeUnit.SECONDS)).as("running collection interrupted on shutdown")
                .isTrue();
        assertThat(scheduler.isRunning()).isFalse();
    }

    @Test
    void a_dead_instance_is_reported_as_timed_out_after_its_own_timeout_and_the_round_is_one_run() throws Exception {
        service(Duration.ofMillis(500));
        scheduler = new AuditScheduler(new ScheduleSettings(NEVER, 0, 2, true), service);
        scheduler.start(service.instanceNames());
        await("start-up round stored", () -> !finished.isEmpty());
        InstanceStatus dead = service.statuses().get(0);
        assertThat(dead.up()).isFalse();
        assertThat(dead.lastFailure()).startsWith("TIMEOUT");
        assertThat(service.statuses().get(1).up()).isTrue();
        assertThat(finished).singleElement().satisfies(run -> {
            assertThat(run.trigger()).isEqualTo(AuditTrigger.STARTUP);
            assertThat(run.instances()).containsExactly("dead", "fast");
            assertThat(run.detail()).startsWith("dead: TIMEOUT");
        });
    }

    @Test
    void one_instance_never_runs_twice_at_once() throws Exception {
        AtomicInteger current = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        scheduler = new AuditScheduler(new ScheduleSettings(EVERY_SECOND, 0, 4, true), new RecordingAuditor(name -> {
            int now = current.incrementAndGet();
            maxSeen.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(2_500); // longer than the cron period: later rounds must not overlap it
            } finally {
                current.decrementAndGet();
                runs.incrementAndGet();
            }
        }));
        scheduler.start(List.of("slow"));
        await("two runs", () -> runs.get() >= 2);
        assertThat(maxSeen.get()).isEqualTo(1);
    }

    @Test
    void missed_cron_firings_are_counted_as_skipped_periods_and_the_round_still_runs() throws Exception {
        RecordingAuditor auditor = new RecordingAuditor(name -> { });
        scheduler = new AuditScheduler(new ScheduleSettings(EVERY_SECOND, 0, 2, false), auditor);
        scheduler.start(List.of("SQLA", "SQLB"));
        await("a first round", () -> auditor.audits.get() >= 2);
        scheduler.standby(); // as if the process were suspended past the misfire threshold and several periods
        Thread.sleep(QuartzProperties.MISFIRE_THRESHOLD_MILLIS + 3_000);
        int before = auditor.audits.get();
        scheduler.resume();
        await("the late round", () -> auditor.audits.get() >= before + 2);
        assertThat(auditor.skipped).containsKeys("SQLA", "SQLB");
        assertThat(auditor.skipped.get("SQLA")).as("periods missed while suspended").isGreaterThanOrEqualTo(3);
    }

    @Test
    void the_cron_trigger_fires_once_after_a_misfire_and_bad_settings_name_the_field() throws Exception {
        scheduler = new AuditScheduler(new ScheduleSettings(NEVER, 5, 1, false), new RecordingAuditor(n -> { }));
        scheduler.start(List.of("SQLA"));
        CronTrigger trigger = scheduler.roundTrigger();
        assertThat(trigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
        assertThat(trigger.getCronExpression()).isEqualTo(NEVER);
        assertThatThrownBy(() -> new AuditScheduler(new ScheduleSettings("every minute", 0, 1, false),
                new RecordingAuditor(n -> { }))).hasMessageContaining("schedule.cron");
        assertThatThrownBy(() -> new ScheduleSettings(null, 0, 0, false)).hasMessageContaining("schedule.concurrency");
        assertThatThrownBy(() -> new ScheduleSettings(null, -1, 1, false)).hasMessageContaining("schedule.jitterSeconds");
        assertThat(new ScheduleSettings(null, 0, 1, false).cron()).isEqualTo("0 */5 * * * ?");
    }
}
