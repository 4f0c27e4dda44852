package io.mirrorguard.agent.e2e;

import io.mirrorguard.rules.catalog.InstanceAudited;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.collector.FleetCollector;
import io.mirrorguard.agent.collector.InstanceCollector;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.config.InstanceConfig;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.PassGuard;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.engine.Rule;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.simulator.Simulator;
import io.mirrorguard.simulator.SimulatorOptions;
import io.mirrorguard.simulator.SimulatorRun;
import io.mirrorguard.simulator.api.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix as a contract (issue 14): on the correct two-partners-plus-witness fleet, served by the simulator
 * and collected through the real driver, every {@code :fault} kind on every instance role, on one instance and on
 * two, must give no false verdict:
 * <ul>
 *   <li>false PASS: a PASS on a faulted instance resting on a section that was not read there (the rule's
 *       {@code @PassRequires}), a PASS on an instance that could not be audited, or a PASS whose peer's endpoint or
 *       certificates were not read;</li>
 *   <li>false FAIL: any FAIL the fault-free audit does not have, other than instance-audited on a faulted instance
 *       (the fleet is correct, so every other FAIL depends on something unread).</li>
 * </ul>
 * One simulator fleet serves every scenario (faults are set and cleared between them). The matrix with its counts
 * is printed and written to target/fault-matrix.md.
 */
class FaultMatrixTest {

    /** An instance role of the fleet. AG replica roles join this list when the AG scenarios land. */
    record Role(String name, String instance) {}

    static final List<Role> ROLES = List.of(
            new Role("partner (principal)", "SQLA"),
            new Role("partner (mirror)", "SQLB"),
            new Role("witness", "SQLW"));

    /** Query timeout of a collector of a slow instance (others keep the configured one); the fault answers later. */
    private static final int QUERY_TIMEOUT_SECONDS = 1;

    static final Map<String, Fault> FAULTS = new LinkedHashMap<>();

    static {
        FAULTS.put("unreachable", new Fault(Fault.Kind.UNREACHABLE, 0));
        FAULTS.put("login-failed", new Fault(Fault.Kind.LOGIN_FAILED, 0));
        FAULTS.put("slow", new Fault(Fault.Kind.SLOW, QUERY_TIMEOUT_SECONDS * 1000L + 300));
        FAULTS.put("drop-connection", new Fault(Fault.Kind.DROP_CONNECTION, 0));
        FAULTS.put("hide-catalog", new Fault(Fault.Kind.HIDE_CATALOG, 0));
    }

    private static final RuleEngine ENGINE = BuiltInRules.engine();
    private static final Map<String, PassGuard> GUARDS = new HashMap<>();

    static {
        for (Rule r : BuiltInRules.all()) {
            GUARDS.put(r.descriptor().id(), PassGuard.of(r.getClass()));
        }
    }

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

    private static InstanceConfig withShortQueryTimeout(InstanceConfig i) {
        return new InstanceConfig(i.name(), i.host(), i.port(), i.instanceName(), i.auth(), i.remediationAuth(),
                i.tls(), i.loginTimeoutSeconds(), QUERY_TIMEOUT_SECONDS, i.aliases(), i.tags());
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    /** One cell: which instances get which fault. */
    record Scenario(String column, String row, Map<String, String> faults) {}

    static List<Scenario> scenarios() {
        List<Scenario> list = new ArrayList<>();
        List<String> kinds = new ArrayList<>(FAULTS.keySet());
        for (String kind : kinds) {
            for (Role r : ROLES) {
                list.add(new Scenario(kind, "one: " + r.name(), Map.of(r.instance(), kind)));
            }
        }
        List<Role[]> pairs = new ArrayList<>();
        for (int i = 0; i < ROLES.size(); i++) {
            for (int j = i + 1; j < ROLES.size(); j++) {
                pairs.add(new Role[] {ROLES.get(i), ROLES.get(j)});
            }
        }
        for (String kind : kinds) {
            for (Role[] p : pairs) {
                list.add(new Scenario(kind, "two: " + p[0].name() + " + " + p[1].name(),
                        Map.of(p[0].instance(), kind, p[1].instance(), kind)));
            }
        }
        // every ordered pair of different kinds once, on the pairs of roles in turn
        int n = 0;
        for (String a : kinds) {
            for (String b : kinds) {
                if (a.equals(b)) {
                    continue;
                }
                Role[] p = pairs.get(n++ % pairs.size());
                list.add(new Scenario(a + " + " + b, "two: " + p[0].name() + " + " + p[1].name(),
                        Map.of(p[0].instance(), a, p[1].instance(), b)));
            }
        }
        // the probe's exact case (issue 14 item 2): before the fix the healthy mirror got 4 stale-endpoint-trust FAILs
        list.add(new Scenario("login-failed + drop-connection", "two: partner (principal) + witness",
                Map.of("SQLA", "login-failed", "SQLW", "drop-connection")));
        return list;
    }

    @Test
    void no_fault_gives_a_false_pass_or_a_false_fail() throws IOException {
        AuditResult baseline = audit(Map.of());
        assertThat(baseline.findings()).as("the fault-free fleet is correct and read completely")
                .noneMatch(f -> f.outcome() == Outcome.FAIL || f.outcome() == Outcome.ERROR);
        Set<String> baselineFails = keys(baseline, Outcome.FAIL);

        List<String> violations = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        long started = System.nanoTime();
        for (Scenario s : scenarios()) {
            AuditResult r = audit(s.faults());
            List<String> falsePass = falsePasses(r, s.faults().keySet());
            List<String> falseFail = falseFails(r, s.faults().keySet(), baselineFails);
            long errors = r.findings().stream().filter(f -> f.outcome() == Outcome.ERROR).count();
            rows.add(new String[] {s.column(), s.row(), String.valueOf(falsePass.size()),
                    String.valueOf(falseFail.size()), String.valueOf(errors)});
            falsePass.forEach(v -> violations.add(s + " false PASS " + v));
            falseFail.forEach(v -> violations.add(s + " false FAIL " + v));
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        String table = table(rows, seconds);
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fault-matrix.md"), table);

        assertThat(violations).as(table).isEmpty();
    }

    private static AuditResult audit(Map<String, String> faults) {
        faults.forEach((instance, kind) -> simulator.fleet().instance(instance).setFault(FAULTS.get(kind)));
        List<InstanceConfig> configs = config.instances().stream()
                .map(i -> "slow".equals(faults.get(i.name())) ? withShortQueryTimeout(i) : i).toList();
        try (FleetCollector collector = new FleetCollector(configs, config.topology().links(),
                InstanceCollector::new, Clock.systemUTC())) {
            FleetSnapshot snapshot = collector.collectAll(configs.size());
            return ENGINE.evaluate(snapshot, Policy.defaults(), snapshot.takenAt());
        } finally {
            faults.keySet().forEach(instance -> simulator.fleet().instance(instance).setFault(Fault.NONE));
        }
    }

    static List<String> falsePasses(AuditResult r, Set<String> faulted) {
        Map<String, InstanceFacts> facts = r.snapshot().instances().stream()
                .collect(Collectors.toMap(InstanceFacts::name, f -> f));
        List<String> out = new ArrayList<>();
        for (Finding f : r.findings()) {
            if (f.outcome() != Outcome.PASS) {
                continue;
            }
            PassGuard guard = GUARDS.get(f.ruleId());
            if (faulted.contains(f.instance()) && !readFor(guard, facts.get(f.instance()))) {
                out.add(f.ruleId() + "@" + f.instance() + ": " + f.message());
            } else if (f.peer() != null && faulted.contains(f.peer())) {
                InstanceFacts peer = facts.get(f.peer());
                boolean peerRead = peer.collection().succeeded() && peer.endpoints().isRead()
                        && peer.certificates().isRead() && (!guard.alsoOnPeer() || readFor(guard, peer));
                if (!peerRead) {
                    out.add(f.ruleId() + "@" + f.instance() + "<-" + f.peer() + ": " + f.message());
                }
            }
        }
        return out;
    }

    private static boolean readFor(PassGuard guard, InstanceFacts facts) {
        if (!facts.collection().succeeded()) {
            return false;
        }
        for (FactSection s : guard.sections()) {
            if (!s.of(facts).isRead()) {
                return false;
            }
        }
        return true;
    }

    static List<String> falseFails(AuditResult r, Set<String> faulted, Set<String> baselineFails) {
        List<String> out = new ArrayList<>();
        for (Finding f : r.findings()) {
            if (f.outcome() != Outcome.FAIL || baselineFails.contains(key(f))) {
                continue;
            }
            if (f.ruleId().equals(InstanceAudited.ID) && faulted.contains(f.instance())) {
                continue;
            }
            out.add(key(f) + ": " + f.message());
        }
        return out;
    }

    private static Set<String> keys(AuditResult r, Outcome outcome) {
        return r.findings().stream().filter(f -> f.outcome() == outcome).map(FaultMatrixTest::key)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String key(Finding f) {
        return f.ruleId() + "@" + f.instance() + (f.peer() == null ? "" : "<-" + f.peer()) + " " + f.subject();
    }

    private static String table(List<String[]> rows, long seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("Fault matrix: procedure-two-partners-witness, ").append(rows.size()).append(" scenarios, ")
                .append(seconds).append(" s\n\n");
        sb.append("| fault | faulted instances | false PASS | false FAIL | ERROR findings |\n|---|---|---|---|---|\n");
        long fp = 0;
        long ff = 0;
        for (String[] row : rows) {
            sb.append("| ").append(String.join(" | ", row)).append(" |\n");
            fp += Long.parseLong(row[2]);
            ff += Long.parseLong(row[3]);
        }
        sb.append("| **total** | ").append(rows.size()).append(" scenarios | ").append(fp).append(" | ").append(ff)
                .append(" | |\n");
        return sb.toString();
    }
}
