package io.mirrorguard.rules.remediation;

import java.util.HexFormat;

/**
 * Quoting for T-SQL built from data. Every identifier and literal that comes from a catalog or a config goes
 * through here, exactly as QUOTENAME and doubled quotes do, so a hostile name stays one token.
 */
public final class TSql {

    private static final int SYSNAME_MAX = 128;

    private TSql() {}

    /**
     * QUOTENAME(name): wraps in brackets and doubles every closing bracket. Rejects what QUOTENAME would turn into
     * NULL (longer than 128 characters) and empty names, rather than emitting a statement that means something else.
     */
    public static String name(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("empty T-SQL identifier");
        }
        if (identifier.length() > SYSNAME_MAX) {
            throw new IllegalArgumentException("T-SQL identifier longer than 128 characters: " + identifier.length());
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("T-SQL identifier contains NUL");
        }
        rejectPlaceholder(identifier);
        return "[" + identifier.replace("]", "]]") + "]";
    }

    /** A Unicode string literal: N'...' with every single quote doubled. */
    public static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("T-SQL literal contains NUL");
        }
        rejectPlaceholder(value);
        return "N'" + value.replace("'", "''") + "'";
    }

    /**
     * Data that looks like a secret placeholder would be replaced by a secret at apply time and leak it into a name:
     * such data is refused, never quoted.
     */
    private static void rejectPlaceholder(String data) {
        if (Placeholder.PATTERN.matcher(data).find()) {
            throw new IllegalArgumentException("data contains a secret placeholder pattern: " + data);
        }
    }

    /** A binary literal 0x..., as CERTENCODED returns and CREATE CERTIFICATE ... FROM BINARY takes. */
    public static String binary(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("empty binary literal");
        }
        return "0x" + HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
