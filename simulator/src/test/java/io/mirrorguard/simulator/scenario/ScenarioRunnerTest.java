package io.mirrorguard.simulator.scenario;

import io.mirrorguard.simulator.api.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioRunnerTest {

    @TempDir
    Path dir;

    private final FakeFleet fleet = new FakeFleet();
    private final List<String> info = new ArrayList<>();

    private ScenarioRunner.Summary run(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return new ScenarioRunner(fleet, info::add).run(ScenarioParser.parse(new ScenarioSource.File(p)));
    }

    @Test
    void runsBatchesInOrderKeepingUseStatePerInstance() throws IOException {
        var summary = run("s.sql", """
                :CONNECT SQLA
                USE Sales;
                GO
                :CONNECT SQLB
                SELECT 'b'
                GO 2
                :CONNECT sqla
                SELECT 'a again'
                """);
        assertThat(fleet.events).containsExactly(
                "create SQLA", "SQLA@master <- USE Sales;",
                "create SQLB", "SQLB@master <- SELECT 'b'", "SQLB@master <- SELECT 'b'",
                "SQLA@Sales <- SELECT 'a again'");
        assertThat(summary.instances()).containsExactly("SQLA", "SQLB");
        assertThat(summary.batches()).isEqualTo(4);
        assertThat(fleet.instances.get("SQLA").sessionsOpened).isEqualTo(1);
        assertThat(fleet.instances.values()).allSatisfy(i -> assertThat(i.sessionsClosed).isEqualTo(i.sessionsOpened));
    }

    @Test
    void clockMovesInFileOrderAndFaultsWaitForTheEnd() throws IOException {
        run("s.sql", """
                :fault SQLA slow 250
                :clock 2027-01-01T00:00:00Z
                :CONNECT SQLA
                SELECT 1
                GO
                :clock 2027-06-01T00:00:00Z
                :fault SQLW hide-catalog
                :CONNECT SQLB
                SELECT 2
                GO
                :CONNECT SQLW
                SELECT 3
                """);
        assertThat(fleet.events).containsExactly(
                "clock 2027-01-01T00:00:00Z", "create SQLA", "SQLA@master <- SELECT 1",
                "clock 2027-06-01T00:00:00Z", "create SQLB", "SQLB@master <- SELECT 2",
                "create SQLW", "SQLW@master <- SELECT 3", "fault SQLA SLOW", "fault SQLW HIDE_CATALOG");
        assertThat(fleet.clock).isEqualTo(Instant.parse("2027-06-01T00:00:00Z"));
        assertThat(fleet.instances.get("SQLA").fault).isEqualTo(new Fault(Fault.Kind.SLOW, 250));
    }

    @Test
    void anErrorStopsTheRunAtTheScenarioLineOfTheFailingStatement() throws IOException {
        Path setup = dir.resolve("_setup.sql");
        Files.writeString(setup, ":CONNECT SQLA\nSELECT 1\n\nRAISE 15151 16 Cannot find the endpoint 'Nope'.\nGO\n");
        assertThatThrownBy(() -> run("s.sql", """
                :fault SQLA unreachable
                :CONNECT SQLB
                SELECT 0
                GO
                :r _setup.sql
                :CONNECT SQLB
                SELECT 'never'
                """))
                .isInstanceOf(ScenarioException.class)
                .hasMessage(setup + ":4: instance SQLA: Msg 15151, Level 16, State 1: Cannot find the endpoint 'Nope'.");
        assertThat(fleet.events).noneMatch(e -> e.contains("never")).noneMatch(e -> e.startsWith("fault"));
        assertThat(fleet.instances.values()).allSatisfy(i -> assertThat(i.sessionsClosed).isEqualTo(i.sessionsOpened));
    }

    @Test
    void errorLineCountsFromTheBatchStartIncludingBlankLines() throws IOException {
        assertThatThrownBy(() -> run("s.sql", ":CONNECT A\nGO\n\n-- why\nSELECT 1\nRAISE 102 15 Incorrect syntax near 'x'.\n"))
                .hasMessageEndingWith("s.sql:6: instance A: Msg 102, Level 15, State 1: Incorrect syntax near 'x'.");
    }

    @Test
    void informationalMessagesAreEchoedNotFatal() throws IOException {
        run("s.sql", ":CONNECT A\nPRINT 'hello'\nRAISE 50000 10 just info\nGO\n");
        assertThat(info).containsExactly("A: hello", "A: just info");
    }

    @Test
    void anInstanceThatCannotBeCreatedIsReportedWhereItIsFirstUsed() {
        ScenarioFleet broken = new ScenarioFleet() {
            @Override
            public Instance instance(String name) {
                throw new IllegalArgumentException("bad instance name '" + name + "'");
            }

            @Override
            public void setClock(Instant now) {}
        };
        assertThatThrownBy(() -> {
            Path p = dir.resolve("s.sql");
            Files.writeString(p, "\n:CONNECT A B\n");
            new ScenarioRunner(broken, info::add).run(ScenarioParser.parse(new ScenarioSource.File(p)));
        }).hasMessageContaining("s.sql:2: :CONNECT takes exactly one instance name");
        assertThatThrownBy(() -> {
            Path p = dir.resolve("t.sql");
            Files.writeString(p, "\n:CONNECT A\nSELECT 1\n");
            new ScenarioRunner(broken, info::add).run(ScenarioParser.parse(new ScenarioSource.File(p)));
        }).hasMessageEndingWith("t.sql:3: instance A: bad instance name 'A'");
    }
}
