package io.mirrorguard.agent.collector;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDBC connection (dynamic proxies) that answers every batch with a scripted sequence of result sets and
 * errors, the way mssql-jdbc exposes a multi-result batch: execute, getResultSet, getMoreResults.
 */
final class ScriptedJdbc {

    /** One item of a batch's output: a result set, or an error the driver throws when it reaches it. */
    sealed interface Item permits Rs, Err {}

    record Rs(List<String> columns, List<List<Object>> rows) implements Item {}

    record Err(SQLException error) implements Item {}

    final List<String> executed = new ArrayList<>();
    final AtomicBoolean closed = new AtomicBoolean();
    final AtomicInteger cancels = new AtomicInteger();
    private final List<Item> script;

    ScriptedJdbc(List<Item> script) {
        this.script = script;
    }

    static Rs marker(String section) {
        return new Rs(List.of("mg_section", "mg_status", "mg_error_number", "mg_error_message"),
                List.of(java.util.Arrays.asList(section, "READ", null, null)));
    }

    static Rs errorMarker(String section, int number, String message) {
        return new Rs(List.of("mg_section", "mg_status", "mg_error_number", "mg_error_message"),
                List.of(List.of(section, "ERROR", number, message)));
    }

    Connection connection() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (p, m, a) -> switch (m.getName()) {
                    case "createStatement" -> statement();
                    case "isClosed" -> closed.get();
                    case "close" -> {
                        closed.set(true);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private Statement statement() {
        int[] position = {0};
        return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
                (p, m, a) -> switch (m.getName()) {
                    case "execute" -> {
                        executed.add((String) a[0]);
                        yield at(position[0]);
                    }
                    case "getResultSet" -> resultSet((Rs) script.get(position[0]));
                    case "getMoreResults" -> {
                        position[0]++;
                        yield at(position[0]);
                    }
                    case "getUpdateCount" -> -1;
                    case "setQueryTimeout", "close" -> null;
                    case "cancel" -> {
                        cancels.incrementAndGet();
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** True for a result set, false at the end; throws when the script has an error here. */
    private boolean at(int i) throws SQLException {
        if (i >= script.size()) {
            return false;
        }
        if (script.get(i) instanceof Err e) {
            throw e.error();
        }
        return true;
    }

    private static ResultSet resultSet(Rs rs) {
        int[] row = {-1};
        boolean[] wasNull = {false};
        ResultSetMetaData meta = (ResultSetMetaData) Proxy.newProxyInstance(ScriptedJdbc.class.getClassLoader(),
                new Class<?>[] {ResultSetMetaData.class}, (p, m, a) -> switch (m.getName()) {
                    case "getColumnCount" -> rs.columns().size();
                    case "getColumnLabel", "getColumnName" -> rs.columns().get((Integer) a[0] - 1);
                    case "getColumnType" -> sqlType(rs, (Integer) a[0] - 1);
                    case "getColumnTypeName" -> "x";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (ResultSet) Proxy.newProxyInstance(ScriptedJdbc.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (p, m, a) -> {
                    switch (m.getName()) {
                        case "next":
                            return ++row[0] < rs.rows().size();
                        case "getMetaData":
                            return meta;
                        case "close":
                            return null;
                        case "wasNull":
                            return wasNull[0];
                        default:
                            break;
                    }
                    int col = a[0] instanceof Integer i ? i - 1 : rs.columns().indexOf((String) a[0]);
                    Object v = rs.rows().get(row[0]).get(col);
                    wasNull[0] = v == null;
                    return switch (m.getName()) {
                        case "getString" -> v == null ? null : v.toString();
                        case "getInt" -> v == null ? 0 : ((Number) v).intValue();
                        case "getObject", "getBytes" -> v;
                        default -> throw new UnsupportedOperationException(m.getName());
                    };
                });
    }

    private static int sqlType(Rs rs, int col) {
        for (List<Object> r : rs.rows()) {
            Object v = r.get(col);
            if (v instanceof LocalDateTime) {
                return Types.TIMESTAMP;
            }
            if (v instanceof byte[]) {
                return Types.VARBINARY;
            }
        }
        return Types.OTHER;
    }
}
