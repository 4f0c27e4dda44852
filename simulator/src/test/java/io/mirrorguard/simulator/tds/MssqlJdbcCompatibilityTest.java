package io.mirrorguard.simulator.tds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The unmodified mssql-jdbc 13.6.2 driver against the TDS front end and a scripted backend. */
class MssqlJdbcCompatibilityTest {
    private static final FakeBackend BACKEND = new FakeBackend();
    private static TdsServer server;

    @BeforeAll
    static void start() {
        server = TdsServer.start(BACKEND, new InetSocketAddress("127.0.0.1", 0), TestTls.MATERIAL);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String url(String encrypt, String extra) {
        String tls = encrypt.equals("false") ? "" : TestTls.validatingJdbcProps() + ";";
        return "jdbc:sqlserver://127.0.0.1:" + server.port() + ";encrypt=" + encrypt + ";" + tls
                + "user=" + FakeBackend.USER + ";password=" + FakeBackend.PASSWORD + ";databaseName=audit;"
                + "loginTimeout=10;applicationName=wire-test;" + extra;
    }

    static Connection connect(String encrypt) throws SQLException {
        return DriverManager.getConnection(url(encrypt, ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "true", "strict"})
    void connectsAndSelectsInEveryEncryptionMode(String encrypt) throws SQLException {
        try (Connection c = connect(encrypt); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 AS x")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("x");
            assertThat(rs.next()).isFalse();
            assertThat(c.getCatalog()).isEqualTo("audit");
            assertThat(c.getMetaData().getDatabaseProductVersion()).startsWith("16.00.4135");
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void fullTlsRejectsAnUntrustedCertificate() {
        String u = "jdbc:sqlserver://127.0.0.1:" + server.port() + ";encrypt=true;trustServerCertificate=false;"
                + "user=sa;password=" + FakeBackend.PASSWORD + ";loginTimeout=5";
        assertThatThrownBy(() -> DriverManager.getConnection(u).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("PKIX");
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "true"})
    void returnsEveryTypeWithTheRightValues(String encrypt) throws SQLException {
        try (Connection c = connect(encrypt); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("all types")) {
            var md = rs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(FakeBackend.ALL_TYPES.size());
            assertThat(md.getColumnTypeName(6)).isEqualTo("numeric");
            assertThat(md.getPrecision(6)).isEqualTo(25);
            assertThat(md.getColumnTypeName(15)).isEqualTo("nvarchar");
            assertThat(md.getColumnDisplaySize(15)).isEqualTo(128);
            assertThat(md.isNullable(15)).isEqualTo(java.sql.ResultSetMetaData.columnNoNulls);
            assertThat(md.getColumnTypeName(17)).isEqualTo("binary");

            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean("c_bit")).isTrue();
            assertThat(rs.getShort("c_tinyint")).isEqualTo((short) 255);
            assertThat(rs.getShort("c_smallint")).isEqualTo((short) -32768);
            assertThat(rs.getInt("c_int")).isEqualTo(Integer.MIN_VALUE);
            assertThat(rs.getLong("c_bigint")).isEqualTo(Long.MAX_VALUE);
            assertThat(rs.getBigDecimal("c_numeric")).isEqualTo(new BigDecimal("1234567890123456789012345"));
            assertThat(rs.getBigDecimal("c_decimal")).isEqualTo(new BigDecimal("-1234567.125"));
            assertThat(rs.getTimestamp("c_datetime").toLocalDateTime())
                    .isEqualTo(LocalDateTime.of(2026, 11, 26, 13, 45, 30));
            assertThat(rs.getTimestamp("c_datetime2").toLocalDateTime()).isEqualTo(FakeBackend.WHEN);
            assertThat(rs.getString("c_guid")).isEqualToIgnoringCase(FakeBackend.GUID.toString());
            assertThat(rs.getString("c_char")).isEqualTo("ab   ");
            assertThat(rs.getString("c_varchar")).isEqualTo("café");
            assertThat(rs.getString("c_varchar_max")).isEqualTo("x".repeat(10_000));
            assertThat(rs.getString("c_nchar")).isEqualTo("Ωλ  ");
            assertThat(rs.getString("c_sysname")).isEqualTo("mirroring_endpoint");
            assertThat(rs.getString("c_nvarchar_max")).isEqualTo("ü".repeat(5000));
            assertThat(rs.getBytes("c_binary")).containsExactly(1, 2, 0, 0);
            assertThat(rs.getBytes("c_varbinary")).containsExactly(0xDE, 0xAD);
            assertThat(rs.getBytes("c_varbinary_max")).hasSize(9000);

            assertThat(rs.next()).isTrue();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                if (i != 15) {
                    assertThat(rs.getObject(i)).as("column %d", i).isNull();
                }
            }
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void statementWithSeveralResultSetsRowCountsAndInfo() throws SQLException {
        try (Connection c = connect("false"); Statement s = c.createStatement()) {
            assertThat(s.execute("multi")).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(3);
            assertThat(s.getMoreResults()).isTrue();
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.getResultSet()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            assertThat(values).containsExactly("one", "two");
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
            SQLWarning w = s.getWarnings();
            assertThat(w != null).as("a warning").isTrue();
            assertThat(w.getMessage()).isEqualTo("halfway there");
            assertThat(w.getErrorCode()).isEqualTo(50001);
        }
    }

    @Test
    void executeUpdateReturnsTheRowCount() throws SQLException {
        try (Connection c = connect("true"); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("update")).isEqualTo(5);
        }
    }

    @Test
    void errorsBecomeSqlExceptionsAndTheConnectionSurvives() throws SQLException {
        try (Connection c = connect("false"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("error"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(208);
                        assertThat(e.getSQLState()).isEqualTo("S0002");
                        assertThat(e.getMessage()).isEqualTo("Invalid object name 'boom'.");
                    });
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void engineExceptionsBecomeErrorsWithoutLosingTheConnection() throws SQLException {
        try (Connection c = connect("true"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("throw"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(2812));
            assertThatThrownBy(() -> s.execute("crash"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(50000);
                        assertThat(e.getMessage()).contains("engine bug");
                    });
            try (PreparedStatement ps = c.prepareStatement("throw")) {
                assertThatThrownBy(ps::execute).isInstanceOf(SQLException.class);
            }
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void infoMessagesBecomeWarnings() throws SQLException {
        try (Connection c = connect("false"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("warn")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(7);
            SQLWarning w = s.getWarnings();
            assertThat(w != null).as("a warning").isTrue();
            assertThat(w.getMessage()).isEqualTo("just so you know");
        }
    }

    /** Without parameters the driver sends @params as NULL (not omitted), which SQL Server takes as "none". */
    @Test
    void parameterlessPreparedStatementThroughExecutesqlPrepexecAndExecute() throws SQLException {
        int handle;
        try (Connection c = connect("true"); PreparedStatement ps = c.prepareStatement("SELECT 1 AS x")) {
            for (int run = 0; run < 3; run++) {
                assertThat(ps.execute()).isTrue();
                try (ResultSet rs = ps.getResultSet()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                    assertThat(rs.next()).isFalse();
                }
                // read to the end of the response: an error after the result set would be thrown here
                assertThat(ps.getMoreResults()).isFalse();
                assertThat(ps.getUpdateCount()).isEqualTo(-1);
            }
            handle = ps.unwrap(com.microsoft.sqlserver.jdbc.ISQLServerPreparedStatement.class)
                    .getPreparedStatementHandle();
        }
        assertThat(handle).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "true"})
    void preparedStatementThroughExecutesqlPrepexecAndExecute(String encrypt) throws SQLException {
        UUID id = UUID.randomUUID();
        int handle;
        try (Connection c = connect(encrypt); PreparedStatement ps = c.prepareStatement(
                "echo ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?")) {
            for (int run = 0; run < 3; run++) {
                ps.setInt(1, 40 + run);
                ps.setLong(2, 1L << 40);
                ps.setShort(3, (short) -5);
                ps.setBoolean(4, true);
                ps.setString(5, "ünïcode " + run);
                ps.setBytes(6, new byte[] {9, 8, 7});
                ps.setTimestamp(7, Timestamp.valueOf(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 600_000_000)));
                ps.setBigDecimal(8, new BigDecimal("-12.345"));
                ps.setNull(9, java.sql.Types.INTEGER);
                ps.setString(10, "x".repeat(5000));
                ps.setObject(11, id.toString(), microsoft.sql.Types.GUID);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(40 + run);
                    assertThat(rs.getLong(2)).isEqualTo(1L << 40);
                    assertThat(rs.getShort(3)).isEqualTo((short) -5);
                    assertThat(rs.getBoolean(4)).isTrue();
                    assertThat(rs.getString(5)).isEqualTo("ünïcode " + run);
                    assertThat(rs.getBytes(6)).containsExactly(9, 8, 7);
                    assertThat(rs.getTimestamp(7).toLocalDateTime())
                            .isEqualTo(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 600_000_000));
                    assertThat(rs.getBigDecimal(8)).isEqualByComparingTo("-12.345");
                    assertThat(rs.getObject(9)).isNull();
                    assertThat(rs.getString(10)).hasSize(5000);
                    assertThat(rs.getString(11)).isEqualToIgnoringCase(id.toString());
                    assertThat(rs.next()).isFalse();
                }
            }
            // Set only once sp_prepexec returned a handle; the third run used it with sp_execute.
            handle = ps.unwrap(com.microsoft.sqlserver.jdbc.ISQLServerPreparedStatement.class)
                    .getPreparedStatementHandle();
        }
        assertThat(handle).isPositive();
        List<FakeBackend.Executed> echoes = BACKEND.executed.stream()
                .filter(e -> e.sql().startsWith("echo")).toList();
        FakeBackend.Executed last = echoes.get(echoes.size() - 1);
        assertThat(last.params()).extracting(p -> p.name()).startsWith("@P0", "@P1", "@P2");
        assertThat(last.sql()).contains("@P10");
    }

    @Test
    void prepareMethodPrepareAndAnsiStringsAndDatetimeParameters() throws SQLException {
        String u = url("false", "prepareMethod=prepare;sendStringParametersAsUnicode=false");
        try (Connection c = DriverManager.getConnection(u);
             PreparedStatement ps = c.prepareStatement("echo ?, ?, ?")) {
            for (int run = 0; run < 3; run++) {
                ps.setString(1, "ansi café " + run);
                ps.setObject(2, Timestamp.valueOf("2026-02-03 04:05:06.007"), microsoft.sql.Types.DATETIME);
                ps.setDate(3, java.sql.Date.valueOf("2026-12-31"));
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("ansi café " + run);
                    assertThat(rs.getTimestamp(2)).isEqualTo(Timestamp.valueOf("2026-02-03 04:05:06.007"));
                    assertThat(rs.getTimestamp(3).toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 12, 31, 0, 0));
                }
            }
        }
        FakeBackend.Executed last = BACKEND.executed.stream().filter(e -> e.sql().startsWith("echo"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(last.params().get(0).type().kind()).isEqualTo(io.mirrorguard.simulator.api.SqlType.Kind.VARCHAR);
    }

    @Test
    void executeBatchSendsSeveralRpcsInOneRequest() throws SQLException {
        try (Connection c = connect("true"); PreparedStatement ps = c.prepareStatement("update ?")) {
            for (int i = 0; i < 4; i++) {
                ps.setInt(1, i);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            assertThat(counts).containsExactly(1, 1, 1, 1);
        }
    }

    @Test
    void queryTimeoutCancelsAndTheConnectionStaysUsable() throws SQLException {
        int before = BACKEND.cancelledBatches.get();
        try (Connection c = connect("true"); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            assertThatThrownBy(() -> s.executeQuery("slow 20000")).isInstanceOf(SQLTimeoutException.class);
            s.setQueryTimeout(0);
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
        assertThat(BACKEND.cancelledBatches.get()).isGreaterThan(before);
    }

    @Test
    void statementCancelFromAnotherThread() throws Exception {
        try (Connection c = connect("false"); Statement s = c.createStatement()) {
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    s.cancel();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            canceller.start();
            assertThatThrownBy(() -> s.executeQuery("slow 20000"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("cancel");
            canceller.join();
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "true", "strict"})
    void wrongPasswordIs18456(String encrypt) {
        String u = url(encrypt, "").replace(FakeBackend.PASSWORD, "wrong");
        assertThatThrownBy(() -> DriverManager.getConnection(u).close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(18456);
                    assertThat(e.getMessage()).startsWith("Login failed for user 'sa'.");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "true"})
    void packetSize32767AndLargeResults(String encrypt) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(encrypt, "packetSize=32767"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("big")) {
            int n = 0;
            while (rs.next()) {
                assertThat(rs.getInt(1)).isEqualTo(n);
                assertThat(rs.getString(2)).isEqualTo(("row" + n + ":").repeat(200));
                n++;
            }
            assertThat(n).isEqualTo(300);
        }
    }

    @Test
    void useChangesTheCatalog() throws SQLException {
        try (Connection c = connect("false")) {
            c.setCatalog("msdb");
            assertThat(c.getCatalog()).isEqualTo("msdb");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void unknownDatabaseFailsTheLogin() {
        String u = url("false", "").replace("databaseName=audit", "databaseName=nosuchdb");
        assertThatThrownBy(() -> DriverManager.getConnection(u).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage())
                        .contains("Cannot open database \"nosuchdb\""));
    }
}
