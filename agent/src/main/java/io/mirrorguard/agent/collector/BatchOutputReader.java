package io.mirrorguard.agent.collector;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks every result of the executed catalog batch. A result set whose first column is {@code mg_section} is a
 * marker; a READ marker announces that the next data result set belongs to that section, an ERROR marker records
 * why the batch could not read it (and overrides rows already read for that section). A statement-level error
 * the driver raises while a section is pending is recorded against that section and reading goes on.
 */
final class BatchOutputReader {

    private static final Logger LOG = LoggerFactory.getLogger(BatchOutputReader.class);
    static final String MARKER_COLUMN = "mg_section";

    private BatchOutputReader() {}

    static BatchOutput read(Statement statement, boolean firstIsResultSet) throws SQLException {
        Map<CatalogSection, RawSection> sections = new EnumMap<>(CatalogSection.class);
        CatalogSection pending = null;
        boolean isResultSet = firstIsResultSet;
        int consecutiveErrors = 0;
        boolean advance = false;
        while (true) {
            try {
                if (advance) {
                    advance = false;
                    isResultSet = statement.getMoreResults();
                }
                if (isResultSet) {
                    try (ResultSet rs = statement.getResultSet()) {
                        ResultSetMetaData meta = rs.getMetaData();
                        if (meta.getColumnCount() > 0 && MARKER_COLUMN.equalsIgnoreCase(meta.getColumnLabel(1))) {
                            pending = marker(rs, sections, pending);
                        } else if (pending != null) {
                            sections.put(pending, RawSection.read(pending, rows(pending, rs)));
                            pending = null;
                        } else {
                            LOG.warn("catalog batch returned a result set without a section marker; ignored");
                            drain(rs);
                        }
                    }
                } else if (statement.getUpdateCount() == -1) {
                    break;
                }
                advance = true;
                consecutiveErrors = 0;
            } catch (SQLException e) {
                // A statement-level error that no CATCH block caught: SQL Server goes on with the next statement,
                // so record it against the section being read and keep reading. Connection errors end the read.
                if (!isStatementError(e) || ++consecutiveErrors > 3) {
                    throw e;
                }
                if (pending != null) {
                    sections.put(pending, RawSection.error(pending, e.getErrorCode(), FailureClassifier.message(e)));
                    pending = null;
                } else {
                    LOG.warn("catalog batch error outside any section: {}", FailureClassifier.reason(e));
                }
                advance = true;
            }
        }
        if (pending != null) {
            sections.put(pending, RawSection.missing(pending, "the section's marker came without its result set"));
        }
        return new BatchOutput(sections);
    }

    private static CatalogSection marker(ResultSet rs, Map<CatalogSection, RawSection> sections,
                                         CatalogSection pending) throws SQLException {
        if (pending != null) {
            sections.put(pending, RawSection.missing(pending, "the section's marker came without its result set"));
        }
        if (!rs.next()) {
            return null;
        }
        String name = rs.getString(1);
        String status = rs.getString("mg_status");
        var section = CatalogSection.byMarker(name);
        if (section.isEmpty()) {
            LOG.warn("catalog batch returned an unknown section marker {}; ignored", name);
            return null;
        }
        if ("ERROR".equalsIgnoreCase(status == null ? null : status.trim())) {
            int number = rs.getInt("mg_error_number");
            Integer errorNumber = rs.wasNull() ? null : number;
            sections.put(section.get(), RawSection.error(section.get(), errorNumber, rs.getString("mg_error_message")));
            return null;
        }
        return section.get();
    }

    /** How a column's values are read, decided once per result set from its metadata (not per cell). */
    private enum Kind { DATETIME, BINARY, UNIQUEIDENTIFIER, OBJECT }

    private static List<Row> rows(CatalogSection section, ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        String[] labels = new String[n];
        Kind[] kinds = new Kind[n];
        for (int i = 1; i <= n; i++) {
            labels[i - 1] = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
            kinds[i - 1] = kind(meta.getColumnType(i), meta.getColumnTypeName(i));
        }
        List<Row> rows = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> values = new LinkedHashMap<>(2 * n);
            for (int i = 1; i <= n; i++) {
                values.put(labels[i - 1], value(rs, kinds[i - 1], i));
            }
            rows.add(Row.ofLowerCaseLabels(section.markerName(), values));
        }
        return rows;
    }

    /** Normalises driver types: datetimes to LocalDateTime, binaries to byte[], uniqueidentifier to UUID. */
    private static Kind kind(int type, String typeName) {
        if (type == Types.TIMESTAMP || "datetime".equalsIgnoreCase(typeName) || "datetime2".equalsIgnoreCase(typeName)
                || "smalldatetime".equalsIgnoreCase(typeName)) {
            return Kind.DATETIME;
        }
        if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY) {
            return Kind.BINARY;
        }
        if ("uniqueidentifier".equalsIgnoreCase(typeName)) {
            return Kind.UNIQUEIDENTIFIER;
        }
        return Kind.OBJECT;
    }

    private static Object value(ResultSet rs, Kind kind, int i) throws SQLException {
        return switch (kind) {
            case DATETIME -> rs.getObject(i, LocalDateTime.class);
            case BINARY -> rs.getBytes(i);
            case UNIQUEIDENTIFIER -> {
                String s = rs.getString(i);
                yield s == null ? null : UUID.fromString(s);
            }
            case OBJECT -> rs.getObject(i);
        };
    }

    private static boolean isStatementError(SQLException e) {
        String state = e.getSQLState();
        return e.getErrorCode() > 0 && !(e instanceof java.sql.SQLTimeoutException)
                && (state == null || !state.startsWith("08")) && !FailureClassifier.LOGIN_ERRORS.contains(e.getErrorCode());
    }

    private static void drain(ResultSet rs) throws SQLException {
        while (rs.next()) {
            // skip
        }
    }
}
