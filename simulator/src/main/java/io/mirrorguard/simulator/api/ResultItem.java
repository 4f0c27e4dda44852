package io.mirrorguard.simulator.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One thing a statement produced. */
public sealed interface ResultItem {

    /**
     * A result set. Row values are Java objects matching each column's {@link SqlType} (null for SQL NULL):
     * Boolean for BIT, Short for TINYINT/SMALLINT, Integer for INT, Long for BIGINT, java.math.BigDecimal for
     * NUMERIC/DECIMAL, String for (N)(VAR)CHAR, byte[] for (VAR)BINARY, java.time.LocalDateTime for DATETIME and
     * DATETIME2, java.util.UUID for UNIQUEIDENTIFIER.
     */
    record Rows(List<Column> columns, List<List<Object>> rows) implements ResultItem {
        public Rows {
            columns = List.copyOf(columns);
            var copy = new ArrayList<List<Object>>(rows.size());
            for (List<Object> r : rows) {
                copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
            }
            rows = Collections.unmodifiableList(copy);
        }
    }

    /** A statement that affected rows (INSERT/UPDATE/DELETE); DDL produces no row count item at all. */
    record RowCount(long count) implements ResultItem {}

    /**
     * An INFO (severity 0-10) or ERROR (11+) message, with SQL Server's number, state, severity, text and the
     * 1-based line of the batch where it was raised.
     */
    record Message(int number, int state, int severity, String text, int line) implements ResultItem {
        public boolean error() {
            return severity > 10;
        }

        public static Message of(SqlError e) {
            return new Message(e.number(), e.state(), e.severity(), e.getMessage(), e.line());
        }
    }

    /** A column: its name and SQL type. */
    record Column(String name, SqlType type, boolean nullable) {}
}
