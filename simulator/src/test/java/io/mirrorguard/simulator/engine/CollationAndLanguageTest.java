package io.mirrorguard.simulator.engine;

import static io.mirrorguard.simulator.engine.EngineTestSupport.ok;
import static io.mirrorguard.simulator.engine.EngineTestSupport.rows;
import static io.mirrorguard.simulator.engine.EngineTestSupport.scalar;
import static io.mirrorguard.simulator.engine.TryCatchTest.one;
import static io.mirrorguard.simulator.engine.TryCatchTest.sets;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlSession;
import io.mirrorguard.simulator.api.SqlType;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL_Latin1_General_CP1_CI_AS comparisons, NULL and Unicode concatenation, unsigned tinyint, WHILE and CASE. */
class CollationAndLanguageTest {

    @TempDir
    Path files;
    SqlSession sa;

    @BeforeEach
    void setUp() {
        sa = EngineTestSupport.outboundSa(EngineTestSupport.fleet(files).instance("SQLA"));
    }

    @Test
    void comparisonsIgnoreCaseButNotAccents() {
        assertThat(scalar(sa, "SELECT COUNT(*) FROM master.sys.certificates WHERE name = 'sqla_cert'")).isEqualTo(1);
        assertThat(scalar(sa, "SELECT COUNT(*) FROM master.sys.certificates WHERE name = N'SQLA_CERT'")).isEqualTo(1);
        assertThat(scalar(sa, "SELECT CASE WHEN 'abc' = 'ABC' THEN 1 ELSE 0 END")).isEqualTo(1);
        assertThat(scalar(sa, "DECLARE @v varchar(10) = 'Started'; IF @v = 'STARTED' SELECT 1 ELSE SELECT 0")).isEqualTo(1);
        assertThat(scalar(sa, "SELECT COUNT(*) FROM sys.endpoints WHERE state_desc = 'started'")).isEqualTo(6);
        assertThat(scalar(sa, "SELECT CASE WHEN 'resume' = N'résumé' THEN 1 ELSE 0 END")).isEqualTo(0);
        assertThat(scalar(sa, "SELECT COUNT(*) FROM master.sys.certificates WHERE name LIKE 'sqla%'")).isEqualTo(1);
    }

    @Test
    void trailingSpacesDoNotDecideEquality() {
        assertThat(scalar(sa, "SELECT COUNT(*) FROM master.sys.certificates WHERE name = 'SQLA_cert   '")).isEqualTo(1);
        assertThat(scalar(sa, "DECLARE @n sysname = N'sqla_cert  '; SELECT COUNT(*) FROM master.sys.certificates WHERE @n = name"))
            .isEqualTo(1);
        assertThat(scalar(sa, "SELECT COUNT(*) FROM sys.server_permissions WHERE type = 'CO' AND class = 105")).isEqualTo(4);
        assertThat(scalar(sa, "IF 'a ' = 'a' SELECT 1 ELSE SELECT 0")).isEqualTo(1);
        // LEN ignores trailing spaces, the value itself keeps them
        assertThat(rows(ok(sa, "SELECT LEN('ab  '), 'ab  '")).rows()).containsExactly(List.of(2, "ab  "));
    }

    @Test
    void orderByIgnoresCaseAndPutsSpaceAndUnderscoreBeforeLetters() {
        ok(sa, "CREATE LOGIN b_login WITH PASSWORD = 'B!Passw0rd123'; CREATE LOGIN A_login WITH PASSWORD = 'A!Passw0rd123';"
            + "CREATE LOGIN c_login WITH PASSWORD = 'C!Passw0rd123'; CREATE LOGIN [b login] WITH PASSWORD = 'B!Passw0rd123';"
            + "CREATE LOGIN blogin WITH PASSWORD = 'B!Passw0rd123';");
        List<Object> names = rows(ok(sa, "SELECT name FROM sys.server_principals WHERE name LIKE '%login' ORDER BY name"))
            .rows().stream().map(r -> r.get(0)).collect(Collectors.toList());
        assertThat(names).containsExactly("A_login", "b login", "b_login", "blogin", "c_login");
    }

    @Test
    void likeBracketEscapesAndLiteralBackslash() {
        assertThat(scalar(sa, "SELECT CASE WHEN 'a_b' LIKE 'a[_]b' THEN 1 ELSE 0 END")).isEqualTo(1);
        assertThat(scalar(sa, "SELECT CASE WHEN 'axb' LIKE 'a[_]b' THEN 1 ELSE 0 END")).isEqualTo(0);
        assertThat(scalar(sa, "SELECT CASE WHEN 'C:\\x' LIKE 'C:\\%' THEN 1 ELSE 0 END")).isEqualTo(1);
        assertThat(scalar(sa, "DECLARE @p varchar(10) = 'C:\\%'; SELECT CASE WHEN 'C:\\x' LIKE @p THEN 1 ELSE 0 END")).isEqualTo(1);
    }

    @Test
    void concatenationWithNullIsNullAndUnicodeWins() {
        assertThat(scalar(sa, "DECLARE @n nvarchar(10); SELECT 'a' + @n")).isNull();
        ResultItem.Rows r = rows(ok(sa, "SELECT N'ab' + 'c', 'ab' + 'c', name + '!' FROM master.sys.certificates"));
        assertThat(r.columns().get(0).type()).isEqualTo(SqlType.nvarchar(3));
        assertThat(r.columns().get(1).type()).isEqualTo(SqlType.varchar(3));
        assertThat(r.columns().get(2).type().kind()).isEqualTo(SqlType.Kind.NVARCHAR);
        assertThat(r.rows()).containsExactly(List.of("abc", "abc", "SQLA_cert!"));
    }

    @Test
    void tinyintAbove127ComparesAndReadsCorrectly() {
        ResultItem.Rows r = rows(ok(sa, "SELECT compatibility_level FROM sys.databases WHERE name = 'master' AND compatibility_level > 127"));
        assertThat(r.rows()).containsExactly(List.of((short) 160));
        assertThat(r.columns().get(0).type()).isEqualTo(SqlType.TINYINT);
        assertThat(scalar(sa, "SELECT COUNT(*) FROM sys.databases WHERE compatibility_level = 160")).isEqualTo(4);
        assertThat(scalar(sa, "DECLARE @t tinyint = 200; SELECT @t")).isEqualTo((short) 200);
    }

    @Test
    void whileLoopsWithBreakAndContinue() {
        assertThat(sets(ok(sa, "DECLARE @i int = 0, @sum int = 0;\n"
            + "WHILE @i < 10\nBEGIN\n  SET @i += 1;\n  IF @i = 3 CONTINUE;\n  IF @i > 5 BREAK;\n  SET @sum += @i;\nEND\n"
            + "SELECT @i, @sum;"))).containsExactly(one(6, 12));
        // a DECLARE met again in a loop keeps the value
        assertThat(scalar(sa, "DECLARE @k int = 0; WHILE @k < 3 BEGIN DECLARE @seen int; SET @seen = ISNULL(@seen, 0) + 1; SET @k += 1; END "
            + "SELECT @seen")).isEqualTo(3);
    }

    @Test
    void groupingUnionsAndUnsupportedShapes() {
        assertThat(sets(ok(sa, "SELECT type_desc, COUNT(*) FROM sys.endpoints GROUP BY type_desc ORDER BY type_desc")))
            .containsExactly(List.of(List.of("DATABASE_MIRRORING", 1), List.of("TSQL", 5)));
        assertThat(sets(ok(sa, "SELECT name FROM master.sys.certificates UNION ALL SELECT N'x' ORDER BY 1")))
            .containsExactly(List.of(List.of("SQLA_cert"), List.of("x")));
        assertThat(EngineTestSupport.firstError(EngineTestSupport.run(sa, "WITH e AS (SELECT name FROM sys.endpoints) SELECT * FROM e"))
            .number()).isEqualTo(102);
        assertThat(EngineTestSupport.firstError(EngineTestSupport.run(sa, "SELECT * FROM #t")).number()).isEqualTo(208);
    }

    @Test
    void caseExpressionsInSelectAndConditions() {
        assertThat(sets(ok(sa, "SELECT CASE state WHEN 0 THEN 'up' ELSE 'down' END, "
            + "CASE WHEN role_desc = 'ALL' THEN 1 ELSE 0 END FROM sys.database_mirroring_endpoints")))
            .containsExactly(one("up", 1));
        assertThat(scalar(sa, "IF CASE WHEN 1 = 1 THEN 1 ELSE 0 END = 1 SELECT 'yes' ELSE SELECT 'no'")).isEqualTo("yes");
        assertThat(scalar(sa, "DECLARE @x varchar(5) = CASE WHEN 2 > 1 THEN 'big' ELSE 'small' END; SELECT @x")).isEqualTo("big");
    }
}
