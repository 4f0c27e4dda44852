package io.mirrorguard.agent.e2e;

import io.mirrorguard.rules.catalog.BuiltInRules;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.collector.InstanceCollector;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.config.InstanceConfig;
import io.mirrorguard.agent.daemon.AuditService;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.daemon.InstanceSpec;
import io.mirrorguard.agent.daemon.RuleEngineEvaluator;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.agent.store.FindingLifecycle;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.simulator.Simulator;
import io.mirrorguard.simulator.SimulatorOptions;
import io.mirrorguard.simulator.SimulatorRun;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daemon start-up on a correct fleet (issue 14 item 3): the first audits each see one instance; nothing is judged
 * against peers not collected yet in this process, so no FAIL appears, the finding lifecycle opens nothing, and a
 * restart re-opens nothing.
 */
class DaemonStartupVerdictsTest {

    @TempDir
    static Path dir;
    private static SimulatorRun simulator;
    private static AgentConfig config;

    @BeforeAll
    static void start() throws Exception {
        simulator = Simulator.start(SimulatorOptions.of("classpath:procedure-two-partners-witness")
                .withInfo(line -> { }));
        Path inventory = dir.resolve("mirrorguard.yml");
        simulator.writeInventory(inventory);
        config = ConfigLoader.load(inventory);
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    /** One agent process: its own collectors and service over the shared store directory. */
    private static final class Agent implements AutoCloseable {
        final Map<String, InstanceCollector> collectors = new LinkedHashMap<>();
        final AgentMetrics metrics = new AgentMetrics("test");
        final AuditStore store;
        final AuditService service;

        Agent(Path storeDir) {
            for (InstanceConfig i : config.instances()) {
                collectors.put(i.name(), new InstanceCollector(i));
            }
            store = AuditStore.open(storeDir);
            List<InstanceSpec> specs = config.instances().stream()
                    .map(i -> new InstanceSpec(i.target(), Duration.ofSeconds(30))).toList();
            service = new AuditService(specs, config.topology().links(), name -> collectors.get(name).collect(),
                    new RuleEngineEvaluator(BuiltInRules.engine(), config.toPolicy()), store, metrics,
                    Clock.systemUTC(), 2, Duration.ofDays(30));
        }

        List<Finding> fails() {
            return service.latest().orElseThrow().findings().stream().filter(f -> f.outcome() == Outcome.FAIL)
                    .toList();
        }

        List<FindingLifecycle> openLifecycles() {
            return store.lifecycles().stream().filter(FindingLifecycle::open).toList();
        }

        @Override
        public void close() {
            service.close();
            store.close();
            collectors.values().forEach(InstanceCollector::close);
            metrics.close();
        }
    }

    @Test
    void first_audits_judge_nothing_against_uncollected_peers_and_a_restart_reopens_nothing() {
        Path storeDir = dir.resolve("store");
        for (int process = 1; process <= 2; process++) {
            try (Agent agent = new Agent(storeDir)) {
                for (String name : List.of("SQLA", "SQLB", "SQLW")) {
                    try {
                        agent.service.auditInstance(name, AuditTrigger.SCHEDULED);
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    assertThat(agent.fails()).as("process %d, after collecting up to %s", process, name).isEmpty();
                    assertThat(agent.openLifecycles()).as("process %d, after collecting up to %s", process, name)
                            .isEmpty();
                }
                assertThat(agent.service.latest().orElseThrow().findings())
                        .as("process %d: every instance collected, the correct fleet reads completely", process)
                        .noneMatch(f -> f.outcome() == Outcome.ERROR);
            }
        }
    }
}
