package io.mirrorguard.simulator.engine.catalog;

import io.mirrorguard.simulator.api.SqlType;
import java.math.BigDecimal;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps SQL Server type names to the embedded engine's column types and back. The mapping is chosen so that it can
 * be reversed from result set metadata: nvarchar is stored as VARCHAR_IGNORECASE, varchar as CHARACTER VARYING,
 * bit as BOOLEAN, datetime as TIMESTAMP(3), tinyint as NUMERIC(3,0) (so numeric(3,0) itself reads back as tinyint).
 */
public final class TypeMapping {

    private TypeMapping() {}

    private static final Pattern TYPE = Pattern.compile("\\s*([a-z_0-9]+)\\s*(?:\\(\\s*(max|\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");

    /** Parses a T-SQL type name such as nvarchar(128), sysname, numeric(25,0), varbinary(max). */
    public static SqlType parse(String tsqlType) {
        Matcher m = TYPE.matcher(tsqlType.toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("unknown type " + tsqlType);
        String base = m.group(1);
        String len = m.group(2);
        int n = len == null ? -2 : len.equals("max") ? -1 : Integer.parseInt(len);
        return switch (base) {
            case "sysname" -> SqlType.SYSNAME;
            case "nvarchar" -> SqlType.nvarchar(n == -2 ? 30 : n);
            case "varchar" -> SqlType.varchar(n == -2 ? 30 : n);
            case "nchar" -> SqlType.nchar(n == -2 ? 1 : n);
            case "char" -> SqlType.charType(n == -2 ? 1 : n);
            case "varbinary" -> SqlType.varbinary(n == -2 ? 30 : n);
            case "binary" -> SqlType.binary(n == -2 ? 1 : n);
            case "sql_variant" -> SqlType.varbinary(8000);
            case "tinyint" -> SqlType.TINYINT;
            case "smallint" -> SqlType.SMALLINT;
            case "int" -> SqlType.INT;
            case "bigint" -> SqlType.BIGINT;
            case "bit" -> SqlType.BIT;
            case "datetime", "smalldatetime" -> SqlType.DATETIME;
            case "datetime2" -> SqlType.datetime2(n == -2 ? 7 : n);
            case "date" -> SqlType.datetime2(0);
            case "uniqueidentifier" -> SqlType.UNIQUEIDENTIFIER;
            case "numeric", "decimal" -> SqlType.numeric(n == -2 ? 18 : n, m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
            case "float", "real", "money" -> SqlType.numeric(38, 10);
            default -> throw new IllegalArgumentException("unknown type " + tsqlType);
        };
    }

    /** The embedded engine's column type for a SQL Server type. */
    public static String h2Type(SqlType t) {
        return switch (t.kind()) {
            case NVARCHAR, NCHAR -> t.length() < 0 ? "VARCHAR_IGNORECASE" : "VARCHAR_IGNORECASE(" + t.length() + ")";
            case VARCHAR -> t.length() < 0 ? "CHARACTER VARYING" : "CHARACTER VARYING(" + t.length() + ")";
            case CHAR -> "CHARACTER(" + t.length() + ")";
            case VARBINARY -> t.length() < 0 ? "VARBINARY" : "VARBINARY(" + t.length() + ")";
            case BINARY -> "BINARY(" + t.length() + ")";
            // SQL Server's tinyint is unsigned (0-255); the embedded TINYINT is signed, NUMERIC(3,0) holds 0-255 exactly
            case TINYINT -> "NUMERIC(3,0)";
            case SMALLINT -> "SMALLINT";
            case INT -> "INTEGER";
            case BIGINT -> "BIGINT";
            case BIT -> "BOOLEAN";
            case DATETIME -> "TIMESTAMP(3)";
            case DATETIME2 -> "TIMESTAMP(" + t.scale() + ")";
            case UNIQUEIDENTIFIER -> "UUID";
            case NUMERIC -> "NUMERIC(" + t.precision() + "," + t.scale() + ")";
        };
    }

    /** The SQL Server type of a result column computed by the embedded engine. */
    public static SqlType fromMetadata(ResultSetMetaData md, int col) throws SQLException {
        String name = md.getColumnTypeName(col).toUpperCase(Locale.ROOT);
        long p = md.getPrecision(col);
        int s = md.getScale(col);
        return switch (name) {
            case "VARCHAR_IGNORECASE" -> SqlType.nvarchar(p > 4000 || p <= 0 ? -1 : (int) p);
            case "CHARACTER VARYING", "VARCHAR", "CLOB", "CHARACTER LARGE OBJECT" -> SqlType.varchar(p > 8000 || p <= 0 ? -1 : (int) p);
            case "CHARACTER", "CHAR" -> SqlType.charType((int) Math.max(1, Math.min(p, 8000)));
            case "BINARY VARYING", "VARBINARY", "BLOB", "BINARY LARGE OBJECT" -> SqlType.varbinary(p > 8000 || p <= 0 ? -1 : (int) p);
            case "BINARY" -> SqlType.binary((int) Math.max(1, Math.min(p, 8000)));
            case "TINYINT" -> SqlType.TINYINT;
            case "SMALLINT" -> SqlType.SMALLINT;
            case "INTEGER", "NULL" -> SqlType.INT;
            case "BIGINT" -> SqlType.BIGINT;
            case "BOOLEAN" -> SqlType.BIT;
            case "TIMESTAMP", "TIMESTAMP WITH TIME ZONE" -> s == 3 ? SqlType.DATETIME : SqlType.datetime2(Math.min(7, Math.max(0, s)));
            case "DATE" -> SqlType.datetime2(0);
            case "UUID" -> SqlType.UNIQUEIDENTIFIER;
            case "NUMERIC", "DECIMAL" -> p == 3 && s == 0 ? SqlType.TINYINT : SqlType.numeric((int) Math.max(1, Math.min(38, p)), Math.max(0, Math.min(s, 38)));
            default -> SqlType.numeric(38, 10);
        };
    }

    /** Converts a value read from the embedded engine to the Java type the wire layer expects for {@code t}. */
    public static Object toWire(Object v, SqlType t) {
        if (v == null) return null;
        return switch (t.kind()) {
            case BIT -> v instanceof Boolean b ? b : ((Number) v).intValue() != 0;
            case TINYINT -> v instanceof Number n ? (Object) (short) (n.intValue() & 0xFF) : Short.valueOf(v.toString());
            case SMALLINT -> v instanceof Number n ? (Object) n.shortValue() : Short.valueOf(v.toString());
            case INT -> v instanceof Number n ? (Object) n.intValue() : Integer.valueOf(v.toString().trim());
            case BIGINT -> v instanceof Number n ? (Object) n.longValue() : Long.valueOf(v.toString().trim());
            case NUMERIC -> v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
            case CHAR, VARCHAR, NCHAR, NVARCHAR -> v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.ISO_8859_1) : v.toString();
            case BINARY, VARBINARY -> v instanceof byte[] ? v : v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case DATETIME, DATETIME2 -> v instanceof LocalDateTime l ? l
                : v instanceof Timestamp ts ? ts.toLocalDateTime()
                : v instanceof LocalDate d ? d.atStartOfDay()
                : v instanceof java.time.OffsetDateTime o ? o.toLocalDateTime() : LocalDateTime.parse(v.toString());
            case UNIQUEIDENTIFIER -> v instanceof UUID ? v : UUID.fromString(v.toString());
        };
    }
}
