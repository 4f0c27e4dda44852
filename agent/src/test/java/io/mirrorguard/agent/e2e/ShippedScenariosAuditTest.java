package io.mirrorguard.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.cli.MirrorguardCli;
import io.mirrorguard.simulator.Simulator;
import io.mirrorguard.simulator.SimulatorOptions;
import io.mirrorguard.simulator.SimulatorRun;
import io.mirrorguard.simulator.scenario.ScenarioHeader;
import io.mirrorguard.simulator.scenario.ShippedScenarios;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped scenario, through the chain acceptance uses: the simulator runs the scenario and serves it over TDS
 * with TLS (validated against the inventory's trust store), then {@code mirrorguard audit --config inventory --format
 * json} audits it in-process. The unwaived FAILs must be exactly the scenario header's {@code expect-fail} line.
 */
class ShippedScenariosAuditTest {

    private static final Pattern FAULT = Pattern.compile("(?m)^:fault\\s+(\\S+)\\s+(\\S+)");
    /** Faults after which the instance must still be audited completely (slow within the default timeouts). */
    private static final Set<String> HARMLESS_FAULTS = Set.of("slow");

    @TempDir
    Path dir;

    /** {@code -De2e.scenarios=REGEX} narrows the run while investigating one scenario. */
    static Stream<String> scenarios() {
        String only = System.getProperty("e2e.scenarios", ".*");
        return ShippedScenarios.names().stream().filter(n -> n.matches(only));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void audit_fails_exactly_what_the_header_expects(String scenario) throws Exception {
        ScenarioHeader header = ScenarioHeader.read(ShippedScenarios.source(scenario));
        assertThat(header.declaresExpectations()).as(scenario + " has an expect-fail line").isTrue();

        ScenarioAudit audit = audit(scenario);

        Set<String> expected = ScenarioAudit.expected(header);
        Set<String> actual = audit.unwaivedFailures();
        assertThat(actual)
                .as("%s: unwaived FAILs (missing: %s, unexpected: %s)%nERRORs: %s", scenario,
                        difference(expected, actual), difference(actual, expected), audit.withOutcome("ERROR"))
                .isEqualTo(expected);
        assertThat(audit.exitCode())
                .as("%s: exit code (1 when an unwaived FAIL is HIGH or CRITICAL)", scenario)
                .isEqualTo(audit.failsAtHighOrAbove() ? 1 : 0);
        if (expected.isEmpty()) {
            assertThat(audit.withOutcome("ERROR")).as("%s: a correct setup reads completely", scenario).isEmpty();
        }
        for (Fault fault : faults(ShippedScenarios.source(scenario).read())) {
            checkFault(scenario, audit, fault);
        }
    }

    private void checkFault(String scenario, ScenarioAudit audit, Fault fault) {
        String auditedKey = "instance-audited@" + fault.instance();
        if (HARMLESS_FAULTS.contains(fault.kind())) {
            assertThat(audit.unwaivedFailures()).as("%s: %s is only %s", scenario, fault.instance(), fault.kind())
                    .doesNotContain(auditedKey);
            return;
        }
        assertThat(audit.unwaivedFailures()).as("%s: %s %s", scenario, fault.instance(), fault.kind())
                .contains(auditedKey);
        List<String> passes = audit.involving(fault.instance()).stream()
                .filter(f -> "PASS".equals(f.path("outcome").asText()))
                .map(f -> f.path("ruleId").asText() + "@" + f.path("instance").asText())
                .toList();
        assertThat(passes).as("%s: nothing read on %s (%s) may PASS", scenario, fault.instance(), fault.kind())
                .isEmpty();
    }

    private ScenarioAudit audit(String scenario) throws Exception {
        Path inventory = dir.resolve("mirrorguard.yml");
        StringBuilder info = new StringBuilder();
        try (SimulatorRun run = Simulator.start(SimulatorOptions.of("classpath:" + scenario)
                .withInventoryOut(inventory)
                .withInfo(line -> info.append(line).append('\n')))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = MirrorguardCli.execute(new PrintWriter(out), new PrintWriter(err),
                    "audit", "--config", inventory.toString(), "--format", "json");
            assertThat(code).as("%s: audit ran (stderr: %s)", scenario, err).isIn(0, 1);
            keep(scenario, out.toString());
            return ScenarioAudit.parse(code, out.toString());
        }
    }

    /** Keeps each report under target/e2e-reports for reading after a failure. */
    private static void keep(String scenario, String json) throws java.io.IOException {
        Path reports = Path.of("target", "e2e-reports");
        java.nio.file.Files.createDirectories(reports);
        java.nio.file.Files.writeString(reports.resolve(scenario.replace(".sql", ".json")), json);
    }

    record Fault(String instance, String kind) {}

    static List<Fault> faults(String scenarioText) {
        Matcher m = FAULT.matcher(scenarioText);
        List<Fault> faults = new java.util.ArrayList<>();
        while (m.find()) {
            faults.add(new Fault(m.group(1), m.group(2)));
        }
        return faults;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
