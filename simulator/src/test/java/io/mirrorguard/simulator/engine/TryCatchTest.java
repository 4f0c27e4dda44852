package io.mirrorguard.simulator.engine;

import static io.mirrorguard.simulator.engine.EngineTestSupport.allRows;
import static io.mirrorguard.simulator.engine.EngineTestSupport.errors;
import static io.mirrorguard.simulator.engine.EngineTestSupport.ok;
import static io.mirrorguard.simulator.engine.EngineTestSupport.run;
import static io.mirrorguard.simulator.engine.EngineTestSupport.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.simulator.api.BatchResult;
import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlSession;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BEGIN TRY / BEGIN CATCH, the ERROR_ functions, THROW, RAISERROR and which errors a TRY can catch. */
class TryCatchTest {

    @TempDir
    Path files;
    SimulatedInstance inst;
    SqlSession sa;
    SqlSession low;

    @BeforeEach
    void setUp() {
        inst = EngineTestSupport.fleet(files).instance("SQLA");
        sa = inst.adminSession();
        ok(sa, "CREATE LOGIN low WITH PASSWORD = 'Low!Passw0rd1'");
        low = inst.login("low", "Low!Passw0rd1");
    }

    /** Every result set's rows, in order. */
    static List<List<List<Object>>> sets(BatchResult r) {
        return allRows(r).stream().map(ResultItem.Rows::rows).collect(Collectors.toList());
    }

    static List<List<Object>> one(Object... values) {
        return List.of(Arrays.asList(values));
    }

    @Test
    void permissionErrorOnDmvGoesToCatchAndEarlierResultsStay() {
        BatchResult r = run(low, "BEGIN TRY\n"
            + "  SELECT 1 AS a;\n"
            + "  SELECT connection_id FROM sys.dm_db_mirroring_connections;\n"
            + "  SELECT 2 AS never;\n"
            + "END TRY\n"
            + "BEGIN CATCH\n"
            + "  SELECT ERROR_NUMBER(), ERROR_SEVERITY(), ERROR_STATE(), ERROR_LINE(), ERROR_MESSAGE(), @@ERROR;\n"
            + "END CATCH;\n"
            + "SELECT 3 AS after;");
        assertThat(errors(r)).isEmpty();
        assertThat(sets(r)).containsExactly(one(1),
            one(300, 14, 1, 3, "VIEW SERVER STATE permission was denied on object 'server', database 'master'.", 300),
            one(3));
    }

    @Test
    void withoutTryTheSameErrorReachesTheClientAndTheBatchGoesOn() {
        BatchResult r = run(low, "SELECT connection_id FROM sys.dm_db_mirroring_connections; SELECT @@ERROR; SELECT 3;");
        assertThat(errors(r)).extracting(ResultItem.Message::number).containsExactly(300);
        assertThat(sets(r)).containsExactly(one(300), one(3));
    }

    @Test
    void errorFunctionsAreNullOutsideCatch() {
        assertThat(sets(ok(sa, "SELECT ERROR_NUMBER(), ERROR_MESSAGE(), ERROR_LINE(), ERROR_PROCEDURE()")))
            .containsExactly(one(null, null, null, null));
        assertThat(sets(ok(sa, "BEGIN TRY SELECT 1 END TRY BEGIN CATCH END CATCH; SELECT ERROR_NUMBER()")))
            .containsExactly(one(1), one((Object) null));
    }

    @Test
    void deferredNameResolutionErrorInTryIsNotCaughtAndEndsTheBatch() {
        BatchResult r = run(sa, "BEGIN TRY\n SELECT 1;\n SELECT * FROM sys.no_such_view;\nEND TRY\n"
            + "BEGIN CATCH SELECT 'caught' END CATCH;\nSELECT 'after';");
        assertThat(sets(r)).containsExactly(one(1));
        assertThat(errors(r)).singleElement().satisfies(m -> {
            assertThat(m.number()).isEqualTo(208);
            assertThat(m.text()).isEqualTo("Invalid object name 'sys.no_such_view'.");
            assertThat(m.line()).isEqualTo(3);
        });
    }

    @Test
    void compileErrorInLowerScopeIsCaught() {
        BatchResult r = run(sa, "BEGIN TRY\n  PRINT 'inside';\n  EXEC (N'SELECT * FROM sys.no_such_view');\nEND TRY\n"
            + "BEGIN CATCH\n  SELECT ERROR_NUMBER(), ERROR_LINE();\nEND CATCH");
        assertThat(errors(r)).isEmpty();
        assertThat(r.items()).anyMatch(i -> i instanceof ResultItem.Message m && m.text().equals("inside"));
        assertThat(sets(r)).containsExactly(one(208, 1));
        BatchResult syntax = run(sa, "BEGIN TRY EXEC ('SELECT ** FROM sys.endpoints') END TRY BEGIN CATCH SELECT ERROR_NUMBER() END CATCH");
        assertThat(errors(syntax)).isEmpty();
        assertThat(sets(syntax)).containsExactly(one(102));
    }

    @Test
    void invalidColumnOnAnExistingViewFailsTheWholeBatchBeforeItRuns() {
        BatchResult r = run(sa, "SELECT 1;\nPRINT 'not printed';\nBEGIN TRY\n  SELECT key_length FROM sys.certificates;\nEND TRY\n"
            + "BEGIN CATCH\n  SELECT 2;\nEND CATCH");
        assertThat(allRows(r)).isEmpty();
        assertThat(r.items()).singleElement().isInstanceOfSatisfying(ResultItem.Message.class, m -> {
            assertThat(m.number()).isEqualTo(207);
            assertThat(m.text()).isEqualTo("Invalid column name 'key_length'.");
            assertThat(m.line()).isEqualTo(4);
        });
        // the branch that is not taken is compiled too
        assertThat(run(sa, "IF 1 = 0 SELECT key_length FROM sys.certificates ELSE SELECT 1").items())
            .singleElement().isInstanceOfSatisfying(ResultItem.Message.class, m -> assertThat(m.number()).isEqualTo(207));
    }

    @Test
    void undeclaredVariableAndSyntaxErrorsStopTheBatchBeforeItRuns() {
        assertThat(run(sa, "SELECT 1; SELECT @nope").items()).singleElement()
            .isInstanceOfSatisfying(ResultItem.Message.class, m -> assertThat(m.number()).isEqualTo(137));
        assertThat(run(sa, "SELECT 1; BEGIN TRY SELEC 2 END TRY BEGIN CATCH SELECT 3 END CATCH").items()).singleElement()
            .isInstanceOfSatisfying(ResultItem.Message.class, m -> assertThat(m.number()).isEqualTo(102));
        assertThat(run(sa, "DECLARE @a int; DECLARE @a int;").items()).singleElement()
            .isInstanceOfSatisfying(ResultItem.Message.class, m -> assertThat(m.number()).isEqualTo(134));
    }

    @Test
    void conversionErrorAbortsTheBatchUnlessCaught() {
        BatchResult r = run(sa, "SELECT 1; SELECT CAST('x' AS int); SELECT 2;");
        assertThat(sets(r)).containsExactly(one(1));
        assertThat(errors(r)).extracting(ResultItem.Message::number).containsExactly(245);
        assertThat(sets(ok(sa, "BEGIN TRY SELECT CAST('x' AS int) END TRY BEGIN CATCH SELECT ERROR_NUMBER() END CATCH; SELECT 2")))
            .containsExactly(one(245), one(2));
    }

    @Test
    void divideByZeroEndsOnlyTheStatement() {
        BatchResult r = run(sa, "SELECT 1/0; SELECT 2;");
        assertThat(errors(r)).extracting(ResultItem.Message::number).containsExactly(8134);
        assertThat(sets(r)).containsExactly(one(2));
    }

    @Test
    void raiserrorSubstitutesArgumentsAndIsCaught() {
        BatchResult r = ok(sa, "BEGIN TRY RAISERROR('section %s failed with %d', 16, 7, N'certs', 42) END TRY\n"
            + "BEGIN CATCH SELECT ERROR_NUMBER(), ERROR_SEVERITY(), ERROR_STATE(), ERROR_MESSAGE() END CATCH");
        assertThat(sets(r)).containsExactly(one(50000, 16, 7, "section certs failed with 42"));
        BatchResult info = ok(sa, "BEGIN TRY RAISERROR('just info', 10, 1) END TRY BEGIN CATCH SELECT 'caught' END CATCH");
        assertThat(allRows(info)).isEmpty();
        assertThat(info.items()).anyMatch(i -> i instanceof ResultItem.Message m && m.text().equals("just info"));
    }

    @Test
    void nestedTryAndRethrowReachTheOuterCatch() {
        BatchResult r = ok(sa, "BEGIN TRY\n"
            + "  BEGIN TRY\n    SELECT 1/0;\n  END TRY\n"
            + "  BEGIN CATCH\n    SELECT 'inner', ERROR_NUMBER();\n    THROW;\n  END CATCH\n"
            + "END TRY\nBEGIN CATCH\n  SELECT 'outer', ERROR_NUMBER(), ERROR_LINE();\nEND CATCH");
        assertThat(sets(r)).containsExactly(one("inner", 8134), one("outer", 8134, 3));
    }

    @Test
    void throwWithoutTryEndsTheBatch() {
        BatchResult r = run(sa, "THROW 51000, 'custom failure', 2; SELECT 'after'");
        assertThat(allRows(r)).isEmpty();
        assertThat(errors(r)).singleElement().satisfies(m -> {
            assertThat(m.number()).isEqualTo(51000);
            assertThat(m.severity()).isEqualTo(16);
            assertThat(m.state()).isEqualTo(2);
            assertThat(m.text()).isEqualTo("custom failure");
        });
        assertThat(errors(run(sa, "THROW 1, 'too low', 1")).get(0).number()).isEqualTo(35100);
    }

    @Test
    void errorInsideCatchGoesToTheClient() {
        BatchResult r = run(sa, "BEGIN TRY SELECT 1/0 END TRY BEGIN CATCH SELECT 1/0 END CATCH; SELECT 'after'");
        assertThat(errors(r)).extracting(ResultItem.Message::number).containsExactly(8134);
        assertThat(sets(r)).containsExactly(one("after"));
    }

    @Test
    void xactAbortMakesStatementErrorsEndTheBatchAndRollBack() {
        BatchResult r = run(sa, "SET XACT_ABORT ON; BEGIN TRAN; CREATE LOGIN gone WITH PASSWORD = 'Gone!Passw0rd1';\n"
            + "SELECT 1/0; SELECT 'after';");
        assertThat(allRows(r)).isEmpty();
        assertThat(scalar(sa, "SELECT @@TRANCOUNT")).isEqualTo(0);
        assertThat(scalar(sa, "SELECT COUNT(*) FROM sys.server_principals WHERE name = 'gone'")).isEqualTo(0);
    }

    @Test
    void oddInputGivesErrorsNotExceptions() {
        assertThat(errors(run(sa, "DECLARE @s int; RAISERROR('x', @s, 1)")).get(0).text())
            .isEqualTo("A NULL severity, state or error number is not allowed.");
        assertThat(sets(ok(sa, "SELECT 1; BREAK; SELECT 2"))).containsExactly(one(1));
    }

    @Test
    void xactStateInsideCatch() {
        assertThat(sets(ok(sa, "BEGIN TRAN; BEGIN TRY SELECT 1/0 END TRY BEGIN CATCH SELECT XACT_STATE() END CATCH; ROLLBACK")))
            .containsExactly(one((short) 1));
    }
}
