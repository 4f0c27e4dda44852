package io.mirrorguard.agent.e2e;

import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.agent.collector.InstanceCollector;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.config.InstanceConfig;
import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.daemon.AuditService;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.app.DaemonSettings;
import io.mirrorguard.agent.daemon.RuleEngineEvaluator;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.metrics.MetricFamilies;
import io.mirrorguard.agent.metrics.Scrape;
import io.mirrorguard.agent.schedule.AuditScheduler;
import io.mirrorguard.agent.schedule.ScheduleSettings;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.simulator.Simulator;
import io.mirrorguard.simulator.SimulatorOptions;
import io.mirrorguard.simulator.SimulatorRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled path at fleet scale on the simulator (issue 15): 48 instances over TDS, a cron every 3 s and the
 * inventory's 30 s of jitter (spread over at most half the period). Over several periods after the start-up round,
 * every instance is audited in every round, no period is skipped, and each round is reported as one run.
 */
class CronRoundsSimulatorTest {
    private static final int INSTANCES = 48;
    private static final int ROUNDS = 4;
    private static final String EVERY_3_SECONDS = "*/3 * * * * ?";

    @TempDir
    Path dir;

    private SimulatorRun simulator;
    private final Map<String, InstanceCollector> collectors = new LinkedHashMap<>();
    private final AgentMetrics metrics = new AgentMetrics("test");
    private AuditService service;
    private AuditScheduler scheduler;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
        }
        if (service != null) {
            service.close();
        }
        collectors.values().forEach(InstanceCollector::close);
        metrics.close();
        if (simulator != null) {
            simulator.close();
        }
    }

    /** INSTANCES standalone instances, each with an endpoint secured by its own certificate. */
    private Path scenario() throws Exception {
        StringBuilder sql = new StringBuilder("-- expect-fail:\n");
        for (String name : names()) {
            sql.append(":CONNECT ").append(name).append("\nUSE master;\nGO\n")
                    .append("CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'Mk!Example-2026-Strong';\nGO\n")
                    .append("CREATE CERTIFICATE ").append(name).append("_cert WITH SUBJECT = '").append(name)
                    .append(" certificate for database mirroring';\nGO\n")
                    .append("CREATE ENDPOINT Endpoint_Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 5022)\n")
                    .append("    FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE ").append(name)
                    .append("_cert, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL);\nGO\n");
        }
        Path file = dir.resolve("fleet.sql");
        Files.writeString(file, sql);
        return file;
    }

    private static List<String> names() {
        return IntStream.rangeClosed(1, INSTANCES).mapToObj(i -> String.format("S%02d", i)).toList();
    }

    @Test
    void every_instance_is_audited_in_every_period() throws Exception {
        simulator = Simulator.start(SimulatorOptions.of(scenario().toString()).withInfo(line -> { }));
        Path inventory = dir.resolve("mirrorguard.yml");
        simulator.writeInventory(inventory);
        assertThat(Files.readString(inventory)).contains("jitterSeconds: 30");
        AgentConfig config = ConfigLoader.load(inventory);
        DaemonSettings settings = DaemonSettings.from(config, "test");
        assertThat(settings.instances()).hasSize(INSTANCES);

        Map<String, List<Instant>> collected = new ConcurrentHashMap<>();
        for (InstanceConfig i : config.instances()) {
            collectors.put(i.name(), new InstanceCollector(i));
        }
        service = new AuditService(settings.instances(), settings.links(), name -> {
            collected.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(Instant.now());
            return collectors.get(name).collect();
        }, new RuleEngineEvaluator(BuiltInRules.engine(), config.toPolicy()), null, metrics, Clock.systemUTC(),
                settings.schedule().concurrency(), Duration.ofDays(1));
        List<AuditRun> rounds = new CopyOnWriteArrayList<>();
        service.addAuditListener(rounds::add);
        ScheduleSettings schedule = new ScheduleSettings(EVERY_3_SECONDS, settings.schedule().jitterSeconds(),
                settings.schedule().concurrency(), true);
        scheduler = new AuditScheduler(schedule, service);
        scheduler.start(service.instanceNames());

        // the start-up round logs in to every instance (slow on a loaded machine, and it may take longer than a
        // period); counting starts with the second scheduled round after it
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (scheduled(rounds).size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(scheduled(rounds)).as("two scheduled rounds within 3 minutes").hasSizeGreaterThanOrEqualTo(2);
        Map<String, Double> skippedBefore = skipped();
        int first = scheduled(rounds).size();
        while (scheduled(rounds).size() < first + ROUNDS && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<AuditRun> counted = scheduled(rounds);
        assertThat(counted).as("%d more scheduled rounds within 3 minutes", ROUNDS).hasSizeGreaterThanOrEqualTo(first + ROUNDS);
        counted = counted.subList(first, first + ROUNDS);
        assertThat(rounds).as("the start-up round").anySatisfy(r -> assertThat(r.trigger())
                .isEqualTo(AuditTrigger.STARTUP));
        for (AuditRun round : counted) {
            assertThat(round.instances()).as("round %s", round.id()).containsExactlyElementsOf(names());
            assertThat(round.outcome()).as("round %s: %s", round.id(), round.detail())
                    .isEqualTo(AuditRun.Outcome.SUCCESS);
        }
        // independently of the rounds' bookkeeping: what the collector was asked, per instance, from the start of
        // the first counted round to the end of the last one
        Instant from = counted.get(0).startedAt();
        Instant to = counted.get(ROUNDS - 1).finishedAt();
        for (String name : names()) {
            long n = collected.getOrDefault(name, List.of()).stream()
                    .filter(t -> !t.isBefore(from) && !t.isAfter(to)).count();
            assertThat(n).as("collections of %s over %d periods", name, ROUNDS).isGreaterThanOrEqualTo(ROUNDS);
        }
        assertThat(skipped()).as("no period skipped while counting").isEqualTo(skippedBefore);
    }

    /** mirrorguard_audits_skipped_total by "instance/reason". */
    private Map<String, Double> skipped() {
        Map<String, Double> out = new java.util.TreeMap<>();
        Scrape.parse(metrics.scrape()).samples(MetricFamilies.AUDITS_SKIPPED)
                .forEach(s -> out.put(s.labels().get("instance") + "/" + s.labels().get("reason"), s.value()));
        assertThat(out).hasSize(INSTANCES * 2);
        return out;
    }

    private static List<AuditRun> scheduled(List<AuditRun> runs) {
        List<AuditRun> out = new ArrayList<>();
        for (AuditRun r : runs) {
            if (r.trigger() == AuditTrigger.SCHEDULED) {
                out.add(r);
            }
        }
        return out;
    }
}
