package io.mirrorguard.agent.daemon;

import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.testing.Facts;
import io.mirrorguard.agent.testing.FakeEvaluator;
import io.mirrorguard.rules.model.Target;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The service runs on the threads it is given, and closing them stops a hung collection too. */
class AuditPoolsTest {

    @Test
    void collections_run_on_the_injected_pools_and_closing_them_interrupts_and_waits_for_a_hung_one()
            throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        Collector hung = instance -> {
            thread.set(Thread.currentThread().getName());
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return Facts.instance(instance);
        };
        AuditPools pools = AuditPools.create(2);
        AuditService service = new AuditService(
                List.of(new InstanceSpec(Target.named("SQLA"), Duration.ofMinutes(10))), List.of(), hung,
                new FakeEvaluator(), null, new AgentMetrics("test"), Clock.systemUTC(), pools, Duration.ofDays(1));
        AuditRun run = service.submit(Optional.empty(), AuditTrigger.ON_DEMAND);
        assertThat(run.outcome()).isEqualTo(AuditRun.Outcome.RUNNING);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(thread.get()).startsWith("mirrorguard-collect-");

        service.close();
        assertThat(pools.terminated()).as("the service does not close pools it was given").isFalse();
        pools.close();
        assertThat(interrupted.getCount()).as("the hung collection was interrupted").isZero();
        assertThat(pools.terminated()).as("close waited for every pool, the collect pool included").isTrue();
    }
}
