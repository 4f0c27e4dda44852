package io.mirrorguard.simulator.scenario;

import io.mirrorguard.simulator.api.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioParserTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private Scenario parse(String text) throws IOException {
        return ScenarioParser.parse(new ScenarioSource.File(write("s.sql", text)));
    }

    private static List<ScenarioStep.Batch> batches(Scenario s) {
        return s.steps().stream().filter(ScenarioStep.Batch.class::isInstance).map(ScenarioStep.Batch.class::cast).toList();
    }

    @Test
    void connectAndGoSplitBatchesPerInstance() throws IOException {
        Scenario s = parse("""
                :CONNECT SQLA
                USE master;
                SELECT 1;
                GO
                :connect SQLB
                SELECT 2
                go 3
                :Connect SQLA
                SELECT 3
                """);
        List<ScenarioStep.Batch> b = batches(s);
        assertThat(b).extracting(ScenarioStep.Batch::instance).containsExactly("SQLA", "SQLB", "SQLA");
        assertThat(b.get(0).sql()).isEqualTo("USE master;\nSELECT 1;");
        assertThat(b.get(0).where().line()).isEqualTo(2);
        assertThat(b.get(0).lines()).extracting(SourceLine::line).containsExactly(2, 3);
        assertThat(b.get(1).repeat()).isEqualTo(3);
        assertThat(b.get(2).sql()).isEqualTo("SELECT 3");
        assertThat(b.get(2).lines()).extracting(SourceLine::line).containsExactly(9);
    }

    @Test
    void goInsideStringsAndCommentsIsText() throws IOException {
        Scenario s = parse("""
                :CONNECT A
                PRINT 'first
                GO
                still the string';
                /* a comment
                GO
                /* nested */ still a comment
                GO
                */
                SELECT [odd ]] name
                GO
                ] AS x; -- GO
                -- GO
                GO
                """);
        List<ScenarioStep.Batch> b = batches(s);
        assertThat(b).hasSize(1);
        assertThat(b.get(0).sql()).contains("still the string").contains("still a comment").contains("] AS x");
        assertThat(b.get(0).lines()).hasSize(12);
    }

    @Test
    void doubledQuotesAndBracketsDoNotEndTokens() throws IOException {
        Scenario s = parse(":CONNECT A\nSELECT 'it''s', [it's], \"say \"\"GO\"\"\" -- '\nGO\nSELECT 2\n");
        assertThat(batches(s)).extracting(ScenarioStep.Batch::sql)
                .containsExactly("SELECT 'it''s', [it's], \"say \"\"GO\"\"\" -- '", "SELECT 2");
    }

    @Test
    void batchesOfOnlyCommentsAndBlanksAreSkipped() throws IOException {
        Scenario s = parse("""
                -- header
                :CONNECT A

                /* nothing */
                GO
                GO
                SELECT 1
                """);
        assertThat(batches(s)).extracting(ScenarioStep.Batch::sql).containsExactly("SELECT 1");
    }

    @Test
    void setvarSubstitutesInCodeAndStringsNotInComments() throws IOException {
        Scenario s = parse("""
                :setvar Port 5022
                :setvar Who "SQL A box"
                :CONNECT $(Inst)
                SELECT $(Port), '$(Who)' -- $(Undefined) here is fine
                /* $(AlsoUndefined) */
                """.replace("$(Inst)", "SQLA"));
        assertThat(batches(s).get(0).sql()).startsWith("SELECT 5022, 'SQL A box'");
    }

    @Test
    void variableValuesAreLexedButNotExpandedAgain() throws IOException {
        Path p = write("v.sql", """
                :setvar Q "'"
                :CONNECT A
                SELECT $(Q)x$(Q), $(Dollar)
                GO
                SELECT 1
                """);
        Scenario s = ScenarioParser.parse(new ScenarioSource.File(p), Map.of("Dollar", "$(Port)"));
        assertThat(batches(s)).extracting(ScenarioStep.Batch::sql).containsExactly("SELECT 'x', $(Port)", "SELECT 1");
    }

    @Test
    void predefinedVariablesCanBeOverridden() throws IOException {
        Path p = write("v.sql", ":CONNECT A\nSELECT '$(X)', '$(Y)'\n:setvar X late\nSELECT '$(X)'\n");
        Scenario s = ScenarioParser.parse(new ScenarioSource.File(p), Map.of("X", "early", "Y", "y"));
        assertThat(batches(s).get(0).sql()).isEqualTo("SELECT 'early', 'y'\nSELECT 'late'");
    }

    @Test
    void unknownVariableNamesFileAndLine() throws IOException {
        Path p = write("bad.sql", ":CONNECT A\nSELECT 1\nSELECT $(Nope)\n");
        assertThatThrownBy(() -> ScenarioParser.parse(new ScenarioSource.File(p)))
                .isInstanceOf(ScenarioException.class)
                .hasMessage(p + ":3: variable 'Nope' is not defined (use :setvar Nope value before this line)");
    }

    @Test
    void setvarWithoutValueUndefines() throws IOException {
        assertThatThrownBy(() -> parse(":setvar X 1\n:setvar X\n:CONNECT A\nSELECT $(X)\n"))
                .hasMessageEndingWith("s.sql:4: variable 'X' is not defined (use :setvar X value before this line)");
    }

    @Test
    void includeResolvesRelativeToTheIncludingFileAndKeepsItsLines() throws IOException {
        write("inc/_setup.sql", ":setvar Db Sales\n:CONNECT SQLA\nCREATE DATABASE $(Db);\nGO\n:r more.sql\n");
        write("inc/more.sql", "\nSELECT 'more'\n");
        Path top = write("top.sql", ":r inc/_setup.sql\nSELECT 2 FROM $(Db)\n");
        Scenario s = ScenarioParser.parse(new ScenarioSource.File(top));
        List<ScenarioStep.Batch> b = batches(s);
        assertThat(b).hasSize(2);
        assertThat(b.get(0).sql()).isEqualTo("CREATE DATABASE Sales;");
        assertThat(b.get(0).where()).isEqualTo(new SourceLine(dir.resolve("inc/_setup.sql").toString(), 3));
        assertThat(b.get(1).sql()).isEqualTo("\nSELECT 'more'\nSELECT 2 FROM Sales");
        assertThat(b.get(1).origin(2)).isEqualTo(new SourceLine(dir.resolve("inc/more.sql").toString(), 2));
        assertThat(b.get(1).origin(3)).isEqualTo(new SourceLine(top.toString(), 2));
    }

    @Test
    void includeErrors() throws IOException {
        write("loop.sql", ":r loop.sql\n");
        assertThatThrownBy(() -> ScenarioParser.parse(new ScenarioSource.File(dir.resolve("loop.sql"))))
                .hasMessageContaining("loop.sql:1: :r ").hasMessageContaining("includes itself");
        assertThatThrownBy(() -> parse(":r missing.sql\n"))
                .hasMessageContaining("s.sql:1: :r cannot read ").hasMessageContaining("missing.sql");
    }

    @Test
    void connectOrClockInsideABatchIsAnError() throws IOException {
        assertThatThrownBy(() -> parse(":CONNECT A\nSELECT 1\n:CONNECT B\nSELECT 2\n"))
                .hasMessageEndingWith("s.sql:3: :CONNECT in the middle of a batch (started at " + dir.resolve("s.sql")
                        + ":2): end that batch with GO first");
        assertThatThrownBy(() -> parse(":CONNECT A\nSELECT 1\n:clock 2027-01-01T00:00:00Z\n"))
                .hasMessageContaining("s.sql:3: :clock in the middle of a batch");
    }

    @Test
    void aBatchBeforeAnyConnectIsAnError() {
        assertThatThrownBy(() -> parse("\nSELECT 1\nGO\n"))
                .hasMessageEndingWith("s.sql:2: no instance for this batch: put ':CONNECT NAME' before the first batch");
    }

    @Test
    void simulatorExtensions() throws IOException {
        Scenario s = parse("""
                :clock 2027-01-05T00:00:00Z
                :CONNECT A
                SELECT 1
                GO
                :fault A slow 1500
                :FAULT B unreachable
                :fault C login-failed
                :fault D drop-connection
                :fault E hide-catalog
                :CONNECT B
                SELECT 1
                GO
                :CONNECT c
                SELECT 1
                GO
                :CONNECT D
                SELECT 1
                GO
                :CONNECT E
                SELECT 1
                GO
                :on error exit
                :ON ERROR EXIT
                """);
        assertThat(s.steps().get(0)).isEqualTo(new ScenarioStep.Clock(Instant.parse("2027-01-05T00:00:00Z"),
                new SourceLine(dir.resolve("s.sql").toString(), 1)));
        assertThat(s.steps()).filteredOn(ScenarioStep.InjectFault.class::isInstance)
                .map(st -> ((ScenarioStep.InjectFault) st).instance() + " " + ((ScenarioStep.InjectFault) st).fault())
                .containsExactly("A " + new Fault(Fault.Kind.SLOW, 1500), "B " + new Fault(Fault.Kind.UNREACHABLE, 0),
                        "C " + new Fault(Fault.Kind.LOGIN_FAILED, 0), "D " + new Fault(Fault.Kind.DROP_CONNECTION, 0),
                        "E " + new Fault(Fault.Kind.HIDE_CATALOG, 0));
    }

    @Test
    void aFaultOnAnInstanceNoBatchRunsOnIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> parse(":CONNECT SQLA\nSELECT 1\nGO\n\n:fault SQLZ unreachable\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("s.sql:5: :fault names instance 'SQLZ', which this scenario does not declare")
                .hasMessageContaining("declared: SQLA");
        assertThatThrownBy(() -> parse(":CONNECT SQLZ\n:fault SQLZ unreachable\n"))
                .hasMessageContaining("s.sql:2: :fault names instance 'SQLZ'");
    }

    @Test
    void goCountHasAnUpperBound() throws IOException {
        assertThat(parse(":CONNECT A\nSELECT 1\nGO " + ScenarioParser.MAX_GO_COUNT + "\n").steps())
                .singleElement().extracting(st -> ((ScenarioStep.Batch) st).repeat())
                .isEqualTo(ScenarioParser.MAX_GO_COUNT);
        assertThatThrownBy(() -> parse(":CONNECT A\nSELECT 1\nGO " + (ScenarioParser.MAX_GO_COUNT + 1) + "\n"))
                .hasMessageContaining("s.sql:3: GO count must be at most " + ScenarioParser.MAX_GO_COUNT);
        assertThatThrownBy(() -> parse(":CONNECT A\nSELECT 1\nGO 99999999999999999999999\n"))
                .hasMessageContaining("s.sql:3: GO count must be at most");
    }

    @Test
    void badCommandsNameTheLine() {
        assertThatThrownBy(() -> parse(":CONNECT A\nGO\n:fault A melt\n"))
                .hasMessageContaining("s.sql:3: unknown fault kind 'melt'");
        assertThatThrownBy(() -> parse(":fault A slow soon\n"))
                .hasMessageContaining("s.sql:1: slow MILLIS must be a positive whole number, got 'soon'");
        assertThatThrownBy(() -> parse(":fault A unreachable 5\n"))
                .hasMessageContaining("s.sql:1: :fault NAME unreachable takes no argument");
        assertThatThrownBy(() -> parse(":clock tomorrow\n"))
                .hasMessageContaining("s.sql:1: :clock expects a UTC instant");
        assertThatThrownBy(() -> parse(":on error ignore\n"))
                .hasMessageContaining("s.sql:1: :on error ignore is not supported");
        assertThatThrownBy(() -> parse("\n:out file.txt\n"))
                .hasMessageContaining("s.sql:2: unsupported sqlcmd command ':out'");
        assertThatThrownBy(() -> parse(":CONNECT A -U sa\n"))
                .hasMessageContaining("s.sql:1: :CONNECT takes exactly one instance name");
        assertThatThrownBy(() -> parse(":CONNECT A\nGO 0\n"))
                .hasMessageContaining("s.sql:2: GO count must be a positive whole number, got '0'");
        assertThatThrownBy(() -> parse(":CONNECT A\nSELECT $(x\n"))
                .hasMessageContaining("s.sql:2: malformed variable reference");
    }

    @Test
    void unterminatedTokensPointAtWhereTheyOpened() {
        assertThatThrownBy(() -> parse(":CONNECT A\nSELECT 1\nPRINT 'oops\nGO\n"))
                .hasMessageContaining("s.sql:3: unterminated string literal '");
        assertThatThrownBy(() -> parse(":CONNECT A\n/* a\n/* b */\nGO\n"))
                .hasMessageContaining("s.sql:2: unterminated /* comment");
    }

    @Test
    void classpathSourcesResolveIncludesInTheirFolder() {
        ScenarioSource s = ScenarioSource.of("classpath:procedure-two-partners-witness");
        assertThat(s.name()).isEqualTo("classpath:scenarios/procedure-two-partners-witness.sql");
        assertThat(s.resolve("_setup.sql").name()).isEqualTo("classpath:scenarios/_setup.sql");
        assertThat(s.resolve("../x/y.sql").name()).isEqualTo("classpath:x/y.sql");
        assertThat(ScenarioSource.of("CLASSPATH:other/a.sql").name()).isEqualTo("classpath:other/a.sql");
        assertThatThrownBy(() -> ScenarioParser.parse(ScenarioSource.of("classpath:no-such")))
                .hasMessageContaining("classpath:scenarios/no-such.sql:0: cannot read scenario");
    }
}
