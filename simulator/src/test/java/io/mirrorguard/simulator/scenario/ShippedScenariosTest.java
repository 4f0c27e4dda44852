package io.mirrorguard.simulator.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Static checks of every shipped scenario: it parses, and its header is well-formed and truthful. */
class ShippedScenariosTest {

    /** The rule ids of the rule catalog contract (rule-catalog.md). */
    private static final Set<String> CATALOG = Set.of(
            "instance-audited", "master-key-present", "master-key-protected-by-service-key", "endpoint-present",
            "endpoint-started", "endpoint-certificate-authentication", "endpoint-encryption-required",
            "endpoint-encryption-aes-only", "endpoint-role-fits-topology", "endpoint-certificate-present",
            "endpoint-certificate-key-protected-by-master-key", "endpoint-certificate-validity",
            "endpoint-certificate-expiry-horizon", "endpoint-certificate-strength", "endpoint-certificate-backed-up",
            "endpoint-connect-not-public", "peer-certificate-installed", "peer-certificate-owner-mapped",
            "peer-login-connect-granted", "peer-certificate-private-key-absent", "witness-trust-both-ways",
            "partner-encryption-compatible", "peer-address-resolved", "mirroring-connections-encrypted",
            "mirroring-session-healthy", "stale-endpoint-trust", "peer-login-least-privilege",
            "replica-endpoint-url-matches", "replica-connected", "ag-seeding-permitted");

    static Stream<String> shipped() {
        return ShippedScenarios.names().stream();
    }

    @Test
    void theIndexListsExactlyTheScenarioFiles() throws IOException {
        Path dir = Path.of("src/main/resources/scenarios");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> onDisk = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sql") && !n.startsWith("_")).sorted().toList();
            assertThat(ShippedScenarios.names()).containsExactlyInAnyOrderElementsOf(onDisk);
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void parsesAndDeclaresWhatMustFail(String name) throws IOException {
        ScenarioSource source = ShippedScenarios.source(name);
        Scenario scenario = ScenarioParser.parse(source);
        assertThat(scenario.steps()).isNotEmpty();

        ScenarioHeader header = ScenarioHeader.read(source);
        assertThat(header.declaresExpectations()).as("%s has an expect-fail line", name).isTrue();
        assertThat(header.expectFail()).extracting(ScenarioHeader.ExpectedFailure::ruleId)
                .allSatisfy(id -> assertThat(CATALOG).contains(id));

        boolean usesExtensions = scenario.steps().stream()
                .anyMatch(s -> s instanceof ScenarioStep.Clock || s instanceof ScenarioStep.InjectFault);
        assertThat(header.simulatorOnly()).as("%s: simulator-only marks exactly the scenarios using :clock/:fault", name)
                .isEqualTo(usesExtensions);

        List<String> instances = scenario.steps().stream()
                .filter(ScenarioStep.Batch.class::isInstance).map(s -> ((ScenarioStep.Batch) s).instance())
                .distinct().toList();
        assertThat(header.expectFail()).allSatisfy(f -> {
            assertThat(instances).contains(f.instance());
            if (f.peer() != null) assertThat(instances).contains(f.peer());
        });
    }

    @Test
    void driftScenariosExpectSomethingAndTheBaseExpectsNothing() throws IOException {
        for (String name : ShippedScenarios.names()) {
            ScenarioHeader h = ScenarioHeader.read(ShippedScenarios.source(name));
            if (name.startsWith("drift-") || name.startsWith("demo-") || name.equals("faults.sql")) {
                assertThat(h.expectFail()).as(name).isNotEmpty();
            } else {
                assertThat(h.expectFail()).as(name).isEmpty();
            }
        }
    }

    @Test
    void headerParsing(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path ok = dir.resolve("ok.sql");
        Files.writeString(ok, """
                -- title
                -- simulator-only (uses :clock)
                -- expect-fail: a-rule@SQLA, b-rule@SQLW<-SQLB
                --   expect-fail: c-rule@X
                :CONNECT SQLA
                -- expect-fail: not-header@SQLA
                """);
        ScenarioHeader h = ScenarioHeader.read(new ScenarioSource.File(ok));
        assertThat(h.simulatorOnly()).isTrue();
        assertThat(h.expectFail()).containsExactly(
                new ScenarioHeader.ExpectedFailure("a-rule", "SQLA", null),
                new ScenarioHeader.ExpectedFailure("b-rule", "SQLW", "SQLB"),
                new ScenarioHeader.ExpectedFailure("c-rule", "X", null));
        assertThat(h.expectFail().get(1)).hasToString("b-rule@SQLW<-SQLB");

        Path bad = dir.resolve("bad.sql");
        Files.writeString(bad, "-- t\n-- expect-fail: a-rule@SQLA, SQLB\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScenarioHeader.read(new ScenarioSource.File(bad)))
                .hasMessage(bad + ":2: expect-fail item 'SQLB' is not rule-id@INSTANCE[<-PEER]");
    }
}
