package io.mirrorguard.simulator.tds;

import io.mirrorguard.simulator.api.BatchResult;
import io.mirrorguard.simulator.api.CancelToken;
import io.mirrorguard.simulator.api.Fault;
import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.ResultItem.Column;
import io.mirrorguard.simulator.api.SqlBackend;
import io.mirrorguard.simulator.api.SqlError;
import io.mirrorguard.simulator.api.SqlParam;
import io.mirrorguard.simulator.api.SqlSession;
import io.mirrorguard.simulator.api.SqlType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted engine for wire tests: a few magic statements return fixed results of every type, messages, errors,
 * row counts and slow batches; anything else (SET options, driver housekeeping) returns an empty result.
 */
final class FakeBackend implements SqlBackend {
    static final String USER = "sa";
    static final String PASSWORD = "Secr3t!pw";

    record Executed(String sql, List<SqlParam> params) {}

    final ConcurrentLinkedQueue<Executed> executed = new ConcurrentLinkedQueue<>();
    final AtomicInteger cancelledBatches = new AtomicInteger();
    final AtomicInteger openSessions = new AtomicInteger();
    volatile Fault fault = Fault.NONE;

    static final List<Column> ALL_TYPES = List.of(
            new Column("c_bit", SqlType.BIT, true),
            new Column("c_tinyint", SqlType.TINYINT, true),
            new Column("c_smallint", SqlType.SMALLINT, true),
            new Column("c_int", SqlType.INT, true),
            new Column("c_bigint", SqlType.BIGINT, true),
            new Column("c_numeric", SqlType.numeric(25, 0), true),
            new Column("c_decimal", SqlType.numeric(10, 3), true),
            new Column("c_datetime", SqlType.DATETIME, true),
            new Column("c_datetime2", SqlType.datetime2(7), true),
            new Column("c_guid", SqlType.UNIQUEIDENTIFIER, true),
            new Column("c_char", SqlType.charType(5), true),
            new Column("c_varchar", SqlType.varchar(50), true),
            new Column("c_varchar_max", SqlType.varchar(-1), true),
            new Column("c_nchar", SqlType.nchar(4), true),
            new Column("c_sysname", SqlType.SYSNAME, false),
            new Column("c_nvarchar_max", SqlType.nvarchar(-1), true),
            new Column("c_binary", SqlType.binary(4), true),
            new Column("c_varbinary", SqlType.varbinary(64), true),
            new Column("c_varbinary_max", SqlType.varbinary(-1), true));

    static final UUID GUID = UUID.fromString("6f9619ff-8b86-d011-b42d-00c04fc964ff");
    static final LocalDateTime WHEN = LocalDateTime.of(2026, 11, 26, 13, 45, 30, 123_456_700);

    static List<Object> allTypesRow() {
        return Arrays.asList(true, (short) 255, (short) -32768, Integer.MIN_VALUE, Long.MAX_VALUE,
                new BigDecimal("1234567890123456789012345"), new BigDecimal("-1234567.125"),
                LocalDateTime.of(2026, 11, 26, 13, 45, 30, 0), WHEN, GUID, "ab", "café", "x".repeat(10_000),
                "Ωλ", "mirroring_endpoint", "ü".repeat(5000), new byte[] {1, 2}, new byte[] {(byte) 0xDE, (byte) 0xAD},
                new byte[9000]);
    }

    @Override
    public String serverName() {
        return "SIMA";
    }

    @Override
    public int[] productVersion() {
        return new int[] {16, 0, 4135};
    }

    @Override
    public SqlSession login(String loginName, String password) {
        if (!USER.equals(loginName) || !PASSWORD.equals(password)) {
            throw new SqlError(18456, 14, 8, "Login failed for user '" + loginName + "'. Reason: Password did not match.");
        }
        openSessions.incrementAndGet();
        return new Session(loginName);
    }

    @Override
    public Fault fault() {
        return fault;
    }

    private final class Session implements SqlSession {
        private final String login;
        private String database = "master";

        Session(String login) {
            this.login = login;
        }

        @Override
        public String database() {
            return database;
        }

        @Override
        public String loginName() {
            return login;
        }

        @Override
        public BatchResult execute(String sql, List<SqlParam> params, CancelToken cancel) {
            executed.add(new Executed(sql, params));
            String s = sql.trim().toLowerCase(Locale.ROOT);
            List<ResultItem> items = new ArrayList<>();
            if (s.startsWith("use ")) {
                String db = sql.trim().substring(4).trim().replace("[", "").replace("]", "");
                if (db.equalsIgnoreCase("nosuchdb")) {
                    items.add(new ResultItem.Message(911, 1, 16, "Database '" + db + "' does not exist.", 1));
                    return new BatchResult(items, null, false);
                }
                database = db;
                return new BatchResult(items, db, false);
            }
            if (s.startsWith("slow ")) {
                cancel.sleep(Long.parseLong(s.substring(5).trim()));
                if (cancel.isCancelled()) {
                    cancelledBatches.incrementAndGet();
                    return new BatchResult(items, null, true);
                }
                items.add(intRows("done", 1));
                return new BatchResult(items, null, false);
            }
            if (s.equals("throw")) {
                throw new SqlError(2812, 16, 62, "Could not find stored procedure 'throw'.");
            }
            if (s.equals("crash")) {
                throw new IllegalStateException("engine bug");
            }
            if (s.startsWith("update @")) {
                items.add(new ResultItem.RowCount(1));
                return new BatchResult(items, null, false);
            }
            if (s.startsWith("echo")) {
                items.add(echo(params));
                return new BatchResult(items, null, false);
            }
            switch (s) {
                case "select 1 as x", "select 1" -> items.add(intRows("x", 1));
                case "all types" -> items.add(new ResultItem.Rows(ALL_TYPES, List.of(allTypesRow(), nullRow())));
                case "multi" -> {
                    items.add(intRows("a", 1));
                    items.add(new ResultItem.RowCount(3));
                    items.add(new ResultItem.Message(50001, 1, 0, "halfway there", 2));
                    items.add(new ResultItem.Rows(List.of(new Column("b", SqlType.nvarchar(10), true)),
                            List.of(List.of("one"), List.of("two"))));
                }
                case "error" -> items.add(new ResultItem.Message(208, 1, 16, "Invalid object name 'boom'.", 1));
                case "warn" -> {
                    items.add(new ResultItem.Message(50000, 1, 10, "just so you know", 1));
                    items.add(intRows("w", 7));
                }
                case "update" -> items.add(new ResultItem.RowCount(5));
                case "big" -> {
                    List<List<Object>> rows = new ArrayList<>();
                    for (int i = 0; i < 300; i++) {
                        rows.add(List.of(i, ("row" + i + ":").repeat(200)));
                    }
                    items.add(new ResultItem.Rows(List.of(new Column("i", SqlType.INT, false),
                            new Column("s", SqlType.nvarchar(4000), false)), rows));
                }
                default -> { }
            }
            return new BatchResult(items, null, false);
        }

        private ResultItem.Rows echo(List<SqlParam> params) {
            List<Column> cols = new ArrayList<>();
            List<Object> row = new ArrayList<>();
            for (SqlParam p : params) {
                cols.add(new Column(p.name().substring(1), p.type(), true));
                row.add(p.value());
            }
            return new ResultItem.Rows(cols, List.of(row));
        }

        @Override
        public void close() {
            openSessions.decrementAndGet();
        }
    }

    static ResultItem.Rows intRows(String name, int value) {
        return new ResultItem.Rows(List.of(new Column(name, SqlType.INT, false)), List.of(List.of(value)));
    }

    private static List<Object> nullRow() {
        List<Object> r = new ArrayList<>();
        for (Column c : ALL_TYPES) {
            r.add(c.nullable() ? null : "not null");
        }
        return r;
    }
}
