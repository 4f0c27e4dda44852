package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.api.SqlError;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the embedded engine's errors into the SQL Server errors a client would have seen. */
final class H2Errors {

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern NEAR = Pattern.compile("Syntax error in SQL statement \"(.*?)\\[\\*\\](\\S*)", Pattern.DOTALL);

    private H2Errors() {}

    static SqlError map(SQLException e) {
        if (e.getCause() instanceof SqlError se) return se;
        String msg = e.getMessage() == null ? "" : e.getMessage();
        Throwable c = e.getCause();
        while (c != null) {
            if (c instanceof SqlError se) return se;
            c = c.getCause();
        }
        int code = e.getErrorCode();
        return switch (code) {
            case 42122 -> Errors.invalidColumn(first(msg));
            case 42102, 42104, 42103 -> Errors.invalidObject(first(msg));
            case 90022 -> Errors.notBuiltin(first(msg).toLowerCase(java.util.Locale.ROOT));
            case 22012 -> Errors.divideByZero();
            case 22018, 22007, 22001, 22003, 22004 -> Errors.conversion(conversionText(msg));
            case 90059 -> new SqlError(209, 16, 1, "Ambiguous column name '" + first(msg) + "'.");
            case 90016, 90017 -> new SqlError(8120, 16, 1, "Column '" + first(msg) + "' is invalid in the select list because it is not contained in either an aggregate function or the GROUP BY clause.");
            case 90105 -> unwrapFunction(e);
            default -> {
                Matcher m = NEAR.matcher(msg);
                String near = m.find() ? m.group(2).replaceAll("[\\s,;)(]+.*$", "") : "";
                yield Errors.syntax(near.isEmpty() ? first(msg) : near, 1);
            }
        };
    }

    private static SqlError unwrapFunction(SQLException e) {
        Throwable c = e.getCause();
        while (c != null) {
            if (c instanceof SqlError se) return se;
            if (c instanceof IllegalArgumentException iae) return Errors.conversion(iae.getMessage());
            c = c.getCause();
        }
        return Errors.generic(50000, 16, "Error in a built-in function.");
    }

    private static String conversionText(String msg) {
        return "Conversion failed when converting the value to the requested data type.";
    }

    private static String first(String msg) {
        Matcher m = QUOTED.matcher(msg);
        return m.find() ? m.group(1) : "";
    }
}
