package io.mirrorguard.simulator.api;

/**
 * The SQL Server data types the simulated catalog uses, with their declared length (characters for character
 * types, bytes for binary types, -1 for MAX) or precision/scale.
 */
public record SqlType(Kind kind, int length, int precision, int scale) {

    public enum Kind {
        BIT, TINYINT, SMALLINT, INT, BIGINT, NUMERIC, DATETIME, DATETIME2, UNIQUEIDENTIFIER,
        CHAR, VARCHAR, NCHAR, NVARCHAR, BINARY, VARBINARY
    }

    public static final SqlType BIT = new SqlType(Kind.BIT, 1, 0, 0);
    public static final SqlType TINYINT = new SqlType(Kind.TINYINT, 1, 0, 0);
    public static final SqlType SMALLINT = new SqlType(Kind.SMALLINT, 2, 0, 0);
    public static final SqlType INT = new SqlType(Kind.INT, 4, 0, 0);
    public static final SqlType BIGINT = new SqlType(Kind.BIGINT, 8, 0, 0);
    public static final SqlType DATETIME = new SqlType(Kind.DATETIME, 8, 0, 0);
    public static final SqlType UNIQUEIDENTIFIER = new SqlType(Kind.UNIQUEIDENTIFIER, 16, 0, 0);
    /** sysname is nvarchar(128). */
    public static final SqlType SYSNAME = nvarchar(128);

    public static SqlType datetime2(int scale) {
        return new SqlType(Kind.DATETIME2, 8, 0, scale);
    }

    public static SqlType numeric(int precision, int scale) {
        return new SqlType(Kind.NUMERIC, 17, precision, scale);
    }

    public static SqlType nvarchar(int chars) {
        return new SqlType(Kind.NVARCHAR, chars, 0, 0);
    }

    public static SqlType varchar(int chars) {
        return new SqlType(Kind.VARCHAR, chars, 0, 0);
    }

    public static SqlType nchar(int chars) {
        return new SqlType(Kind.NCHAR, chars, 0, 0);
    }

    public static SqlType charType(int chars) {
        return new SqlType(Kind.CHAR, chars, 0, 0);
    }

    public static SqlType varbinary(int bytes) {
        return new SqlType(Kind.VARBINARY, bytes, 0, 0);
    }

    public static SqlType binary(int bytes) {
        return new SqlType(Kind.BINARY, bytes, 0, 0);
    }

    /** The type as T-SQL spells it, e.g. nvarchar(128), varbinary(max), numeric(25,0). */
    public String sqlName() {
        String base = kind.name().toLowerCase(java.util.Locale.ROOT);
        return switch (kind) {
            case CHAR, VARCHAR, NCHAR, NVARCHAR, BINARY, VARBINARY -> base + "(" + (length < 0 ? "max" : length) + ")";
            case NUMERIC -> base + "(" + precision + "," + scale + ")";
            case DATETIME2 -> base + "(" + scale + ")";
            default -> base;
        };
    }
}
