package io.mirrorguard.simulator.engine;

import static io.mirrorguard.simulator.engine.EngineTestSupport.allRows;
import static io.mirrorguard.simulator.engine.EngineTestSupport.errors;
import static io.mirrorguard.simulator.engine.EngineTestSupport.ok;
import static io.mirrorguard.simulator.engine.EngineTestSupport.run;
import static io.mirrorguard.simulator.engine.EngineTestSupport.scalar;
import static io.mirrorguard.simulator.engine.TryCatchTest.one;
import static io.mirrorguard.simulator.engine.TryCatchTest.sets;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.simulator.api.BatchResult;
import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlSession;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EXEC of a string, sp_executesql, COL_LENGTH / OBJECT_ID probes and a version-probing catalog batch. */
class DynamicSqlTest {

    @TempDir
    Path files;
    SimulatedInstance inst;
    SqlSession sa;

    @BeforeEach
    void setUp() {
        inst = EngineTestSupport.fleet(files).instance("SQLA");
        sa = EngineTestSupport.outboundSa(inst);
    }

    @Test
    void execOfLiteralsAndVariables() {
        assertThat(sets(ok(sa, "EXEC (N'SELECT name FROM master.sys.certificates')"))).containsExactly(one("SQLA_cert"));
        assertThat(sets(ok(sa, "DECLARE @v nvarchar(max) = N'sys.endpoints'; "
            + "EXECUTE ('SELECT COUNT(*) FROM ' + @v + N' WHERE type = 4')"))).containsExactly(one(1));
        // a NULL piece contributes nothing and a NULL string runs nothing
        assertThat(sets(ok(sa, "DECLARE @n nvarchar(10); EXEC (@n); EXEC ('SELECT 5' + @n)"))).containsExactly(one(5));
    }

    @Test
    void onlyLiteralsAndVariablesMayBeConcatenated() {
        assertThat(errors(run(sa, "EXEC (CONCAT('SELECT ', '1'))")).get(0).number()).isEqualTo(102);
    }

    @Test
    void dynamicBatchHasItsOwnVariablesAndTheCallerGoesOn() {
        BatchResult r = run(sa, "DECLARE @x int = 1; EXEC ('SELECT @x'); SELECT 2;");
        assertThat(errors(r)).singleElement().satisfies(m -> assertThat(m.number()).isEqualTo(137));
        assertThat(sets(r)).containsExactly(one(2));
        BatchResult syntax = run(sa, "EXEC ('SELEC 1'); SELECT @@ERROR;");
        assertThat(errors(syntax)).extracting(ResultItem.Message::number).containsExactly(102);
        assertThat(sets(syntax)).containsExactly(one(102));
    }

    @Test
    void useInsideExecRevertsWhenItEnds() {
        ok(sa, "CREATE DATABASE other");
        BatchResult r = ok(sa, "EXEC ('USE other; SELECT DB_NAME()'); SELECT DB_NAME();");
        assertThat(sets(r)).containsExactly(one("other"), one("master"));
        assertThat(r.databaseChangedTo()).isNull();
    }

    @Test
    void nestLevelCountsDynamicScopes() {
        assertThat(sets(ok(sa, "SELECT @@NESTLEVEL; EXEC ('SELECT @@NESTLEVEL'); EXEC sp_executesql N'SELECT @@NESTLEVEL'")))
            .containsExactly(one(0), one(1), one(2));
    }

    @Test
    void spExecutesqlWithParametersAndOutput() {
        assertThat(sets(ok(sa, "EXEC sp_executesql N'SELECT name FROM master.sys.certificates WHERE certificate_id = @id', "
            + "N'@id int', @id = 256"))).containsExactly(one("SQLA_cert"));
        assertThat(sets(ok(sa, "EXEC sys.sp_executesql N'SELECT @a + @b', N'@a int, @b int', 40, 2"))).containsExactly(one(42));
        assertThat(scalar(sa, "DECLARE @n int; EXEC sp_executesql N'SELECT @c = COUNT(*) FROM sys.endpoints', "
            + "N'@c int OUTPUT', @c = @n OUTPUT; SELECT @n")).isEqualTo(6);
        assertThat(sets(ok(sa, "EXEC sp_executesql @stmt = N'SELECT 7'"))).containsExactly(one(7));
    }

    @Test
    void spExecutesqlErrors() {
        assertThat(errors(run(sa, "EXEC sp_executesql 'SELECT 1'")).get(0)).satisfies(m -> {
            assertThat(m.number()).isEqualTo(214);
            assertThat(m.text()).isEqualTo("Procedure expects parameter '@statement' of type 'ntext/nchar/nvarchar'.");
        });
        assertThat(errors(run(sa, "EXEC sp_executesql N'SELECT @p', N'@p int'")).get(0).number()).isEqualTo(8178);
        assertThat(sets(ok(sa, "BEGIN TRY EXEC sp_executesql N'SELECT * FROM sys.nope' END TRY "
            + "BEGIN CATCH SELECT ERROR_NUMBER(), ERROR_MESSAGE() END CATCH"))).containsExactly(one(208, "Invalid object name 'sys.nope'."));
    }

    @Test
    void colLengthReportsDocumentedByteLengths() {
        ResultItem.Rows r = EngineTestSupport.rows(ok(sa, "SELECT COL_LENGTH('sys.certificates', 'name'), "
            + "COL_LENGTH('sys.certificates', 'subject'), COL_LENGTH('sys.certificates', 'expiry_date'), "
            + "COL_LENGTH('master.sys.certificates', 'thumbprint'), COL_LENGTH('[sys].[certificates]', 'pvt_key_encryption_type'), "
            + "COL_LENGTH('sys.symmetric_keys', 'key_thumbprint'), COL_LENGTH('sys.database_mirroring', 'mirroring_failover_lsn'), "
            + "COL_LENGTH('sys.endpoints', 'state'), COL_LENGTH('sys.certificates', 'key_length'), "
            + "COL_LENGTH('sys.nosuch', 'name'), COL_LENGTH('dbo.certificates', 'name')"));
        assertThat(r.rows()).containsExactly(java.util.Arrays.asList((short) 256, (short) 8000, (short) 8, (short) 32, (short) 2,
            (short) 8016, (short) 13, (short) 1, null, null, null));
        assertThat(r.columns().get(0).type().kind()).isEqualTo(io.mirrorguard.simulator.api.SqlType.Kind.SMALLINT);
    }

    @Test
    void objectIdKnowsCatalogViews() {
        List<Object> r = EngineTestSupport.rows(ok(sa, "SELECT OBJECT_ID('sys.certificates'), OBJECT_ID('master.sys.certificates'), "
            + "OBJECT_ID('sys.certificates', 'V'), OBJECT_ID('sys.certificates', 'U'), OBJECT_ID('sys.nosuch'), "
            + "OBJECT_ID('nosuchdb.sys.certificates')")).rows().get(0);
        assertThat((Integer) r.get(0)).isNegative();
        assertThat(r.get(1)).isEqualTo(r.get(0));
        assertThat(r.get(2)).isEqualTo(r.get(0));
        assertThat(r.subList(3, 6)).containsOnlyNulls();
    }

    /** The shape the agent's collector uses: probe a column, read it through EXEC only where it exists. */
    @Test
    void versionProbingSectionsRunInOneBatch() {
        SqlSession audit = inst.login("mirrorguard_audit", "MirrorGuard!Audit1");
        BatchResult r = ok(audit, "SET NOCOUNT ON;\nSET LOCK_TIMEOUT 5000;\n"
            + "BEGIN TRY\n"
            + "    SELECT N'certificates' AS mg_section, N'READ' AS mg_status;\n"
            + "    IF COL_LENGTH('sys.certificates', 'key_length') IS NOT NULL\n"
            + "        EXEC (N'SELECT c.name, c.key_length FROM master.sys.certificates AS c ORDER BY c.certificate_id;');\n"
            + "    ELSE\n"
            + "        SELECT c.name, CAST(NULL AS int) AS key_length FROM master.sys.certificates AS c ORDER BY c.certificate_id;\n"
            + "END TRY\n"
            + "BEGIN CATCH\n"
            + "    SELECT N'certificates' AS mg_section, N'ERROR' AS mg_status, ERROR_NUMBER() AS n, ERROR_MESSAGE() AS m;\n"
            + "END CATCH;\n"
            + "BEGIN TRY\n"
            + "    SELECT N'connections' AS mg_section, N'READ' AS mg_status;\n"
            + "    IF HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW SERVER STATE') = 1\n"
            + "        SELECT mc.connection_id FROM sys.dm_db_mirroring_connections AS mc ORDER BY mc.connect_time;\n"
            + "    ELSE\n"
            + "        SELECT CAST(NULL AS uniqueidentifier) AS connection_id;\n"
            + "END TRY\n"
            + "BEGIN CATCH\n"
            + "    SELECT N'connections' AS mg_section, N'ERROR' AS mg_status, ERROR_NUMBER() AS n, ERROR_MESSAGE() AS m;\n"
            + "END CATCH;");
        List<ResultItem.Rows> sets = allRows(r);
        assertThat(sets).hasSize(4);
        assertThat(sets.get(1).rows()).containsExactly(java.util.Arrays.asList("SQLA_cert", null));
        assertThat(sets.get(1).columns().get(1).name()).isEqualTo("key_length");
        assertThat(sets.get(3).rows()).isEmpty();

        inst.setFault(new io.mirrorguard.simulator.api.Fault(io.mirrorguard.simulator.api.Fault.Kind.HIDE_CATALOG, 0));
        BatchResult hidden = ok(audit, "BEGIN TRY\n SELECT N'connections' AS mg_section, N'READ' AS mg_status;\n"
            + " SELECT mc.connection_id FROM sys.dm_db_mirroring_connections AS mc;\nEND TRY\n"
            + "BEGIN CATCH\n SELECT N'connections', N'ERROR', ERROR_NUMBER(), ERROR_MESSAGE();\nEND CATCH;");
        assertThat(sets(hidden)).containsExactly(one("connections", "READ"),
            one("connections", "ERROR", 300, "VIEW SERVER STATE permission was denied on object 'server', database 'master'."));
    }
}
