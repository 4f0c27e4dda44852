package io.mirrorguard.simulator.tds;

import io.mirrorguard.simulator.api.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;

/** TYPE_INFO and value encodings for the {@link SqlType}s the simulated catalog uses (MS-TDS 2.2.5). */
final class TypeCodec {
    /** SQL_Latin1_General_CP1_CI_AS: LCID 0x0409, flags 0xD0, version 0, SortId 52 (code page 1252). */
    static final byte[] COLLATION = {0x09, 0x04, (byte) 0xD0, 0x00, 0x34};
    static final Charset CP1252 = Charset.forName("windows-1252");

    static final int INTN = 0x26;
    static final int BITN = 0x68;
    static final int NUMERICN = 0x6C;
    static final int DECIMALN = 0x6A;
    static final int DATETIMN = 0x6F;
    static final int DATETIME2N = 0x2A;
    static final int GUID = 0x24;
    static final int BIGVARCHAR = 0xA7;
    static final int BIGCHAR = 0xAF;
    static final int NVARCHAR = 0xE7;
    static final int NCHAR = 0xEF;
    static final int BIGVARBINARY = 0xA5;
    static final int BIGBINARY = 0xAD;

    private static final LocalDate DATETIME_EPOCH = LocalDate.of(1900, 1, 1);
    private static final LocalDate DATE_EPOCH = LocalDate.of(1, 1, 1);
    private static final long PLP_NULL = -1L;

    private TypeCodec() {}

    /** True when the type travels as a partially length-prefixed (MAX) value. */
    static boolean isPlp(SqlType t) {
        return switch (t.kind()) {
            case NVARCHAR -> t.length() < 0 || t.length() > 4000;
            case VARCHAR, VARBINARY -> t.length() < 0 || t.length() > 8000;
            default -> false;
        };
    }

    static void writeTypeInfo(TokenBuffer b, SqlType t) {
        switch (t.kind()) {
            case BIT -> b.u8(BITN).u8(1);
            case TINYINT -> b.u8(INTN).u8(1);
            case SMALLINT -> b.u8(INTN).u8(2);
            case INT -> b.u8(INTN).u8(4);
            case BIGINT -> b.u8(INTN).u8(8);
            case NUMERIC -> b.u8(NUMERICN).u8(numericLength(precision(t))).u8(precision(t)).u8(t.scale());
            case DATETIME -> b.u8(DATETIMN).u8(8);
            case DATETIME2 -> b.u8(DATETIME2N).u8(scale(t));
            case UNIQUEIDENTIFIER -> b.u8(GUID).u8(16);
            case NVARCHAR -> b.u8(NVARCHAR).u16(isPlp(t) ? 0xFFFF : 2 * Math.max(1, t.length())).bytes(COLLATION);
            case NCHAR -> b.u8(NCHAR).u16(2 * clamp(t.length(), 4000)).bytes(COLLATION);
            case VARCHAR -> b.u8(BIGVARCHAR).u16(isPlp(t) ? 0xFFFF : Math.max(1, t.length())).bytes(COLLATION);
            case CHAR -> b.u8(BIGCHAR).u16(clamp(t.length(), 8000)).bytes(COLLATION);
            case VARBINARY -> b.u8(BIGVARBINARY).u16(isPlp(t) ? 0xFFFF : Math.max(1, t.length()));
            case BINARY -> b.u8(BIGBINARY).u16(clamp(t.length(), 8000));
        }
    }

    /** Writes one column value for ROW (or a RETURNVALUE); {@code v == null} is SQL NULL. */
    static void writeValue(TokenBuffer b, SqlType t, Object v) {
        if (isPlp(t)) {
            writePlp(b, v == null ? null : bytesOf(t, v));
            return;
        }
        switch (t.kind()) {
            case BIT -> {
                if (v == null) b.u8(0);
                else b.u8(1).u8(asBoolean(v) ? 1 : 0);
            }
            case TINYINT -> fixedInt(b, v, 1);
            case SMALLINT -> fixedInt(b, v, 2);
            case INT -> fixedInt(b, v, 4);
            case BIGINT -> fixedInt(b, v, 8);
            case NUMERIC -> writeNumeric(b, t, v);
            case DATETIME -> writeDatetime(b, v);
            case DATETIME2 -> writeDatetime2(b, scale(t), v);
            case UNIQUEIDENTIFIER -> {
                if (v == null) b.u8(0);
                else b.u8(16).bytes(guidBytes(v instanceof UUID u ? u : UUID.fromString(v.toString())));
            }
            case NVARCHAR, NCHAR, VARCHAR, CHAR, VARBINARY, BINARY -> {
                if (v == null) {
                    b.u16(0xFFFF);
                } else {
                    byte[] bytes = bytesOf(t, v);
                    b.u16(bytes.length).bytes(bytes);
                }
            }
        }
    }

    private static void writePlp(TokenBuffer b, byte[] bytes) {
        if (bytes == null) {
            b.i64(PLP_NULL);
            return;
        }
        b.i64(bytes.length);
        if (bytes.length > 0) {
            b.i32(bytes.length).bytes(bytes);
        }
        b.i32(0);
    }

    /** Character data in the column's encoding, padded for the fixed-length types as SQL Server stores them. */
    private static byte[] bytesOf(SqlType t, Object v) {
        return switch (t.kind()) {
            case NVARCHAR -> v.toString().getBytes(StandardCharsets.UTF_16LE);
            case NCHAR -> pad(v.toString(), clamp(t.length(), 4000)).getBytes(StandardCharsets.UTF_16LE);
            case VARCHAR -> v.toString().getBytes(CP1252);
            case CHAR -> pad(v.toString(), clamp(t.length(), 8000)).getBytes(CP1252);
            case VARBINARY -> asBytes(v);
            case BINARY -> Arrays.copyOf(asBytes(v), Math.max(asBytes(v).length, clamp(t.length(), 8000)));
            default -> throw new IllegalArgumentException("not a character or binary type: " + t.sqlName());
        };
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }

    private static byte[] asBytes(Object v) {
        if (v instanceof byte[] bytes) {
            return bytes;
        }
        throw new IllegalArgumentException("expected byte[] for a binary column, got " + v.getClass().getName());
    }

    private static boolean asBoolean(Object v) {
        if (v instanceof Boolean bool) {
            return bool;
        }
        if (v instanceof Number n) {
            return n.longValue() != 0;
        }
        throw new IllegalArgumentException("expected Boolean for a bit column, got " + v.getClass().getName());
    }

    private static void fixedInt(TokenBuffer b, Object v, int width) {
        if (v == null) {
            b.u8(0);
            return;
        }
        long n;
        if (v instanceof Number num) {
            n = num.longValue();
        } else if (v instanceof Boolean bool) {
            n = bool ? 1 : 0;
        } else {
            throw new IllegalArgumentException("expected a number for an integer column, got " + v.getClass().getName());
        }
        b.u8(width).uN(n, width);
    }

    private static int clamp(int length, int max) {
        return Math.max(1, Math.min(length, max));
    }

    static int precision(SqlType t) {
        return t.precision() <= 0 ? 38 : Math.min(38, t.precision());
    }

    private static int scale(SqlType t) {
        return Math.max(0, Math.min(7, t.scale()));
    }

    static int numericLength(int precision) {
        return precision <= 9 ? 5 : precision <= 19 ? 9 : precision <= 28 ? 13 : 17;
    }

    private static void writeNumeric(TokenBuffer b, SqlType t, Object v) {
        if (v == null) {
            b.u8(0);
            return;
        }
        BigDecimal d = v instanceof BigDecimal bd ? bd : new BigDecimal(v.toString());
        BigInteger unscaled = d.setScale(t.scale(), RoundingMode.HALF_UP).unscaledValue();
        int len = numericLength(precision(t));
        byte[] be = unscaled.abs().toByteArray();
        int magnitude = be.length - (be.length > 1 && be[0] == 0 ? 1 : 0);
        if (magnitude > len - 1) {
            throw new IllegalArgumentException("value " + d + " does not fit " + t.sqlName());
        }
        b.u8(len).u8(unscaled.signum() < 0 ? 0 : 1);
        for (int i = 0; i < len - 1; i++) {
            int idx = be.length - 1 - i;
            b.u8(idx >= 0 ? be[idx] : 0);
        }
    }

    private static LocalDateTime asDateTime(Object v) {
        if (v instanceof LocalDateTime ldt) {
            return ldt;
        }
        if (v instanceof OffsetDateTime odt) {
            return odt.toLocalDateTime();
        }
        if (v instanceof LocalDate ld) {
            return ld.atStartOfDay();
        }
        throw new IllegalArgumentException("expected LocalDateTime for a date/time column, got " + v.getClass().getName());
    }

    private static void writeDatetime(TokenBuffer b, Object v) {
        if (v == null) {
            b.u8(0);
            return;
        }
        LocalDateTime t = asDateTime(v);
        long days = ChronoUnit.DAYS.between(DATETIME_EPOCH, t.toLocalDate());
        long ticks = Math.round(t.toLocalTime().toNanoOfDay() * 300.0 / 1_000_000_000.0);
        if (ticks >= 300L * 86_400) {
            days++;
            ticks = 0;
        }
        b.u8(8).i32((int) days).i32((int) ticks);
    }

    private static void writeDatetime2(TokenBuffer b, int scale, Object v) {
        if (v == null) {
            b.u8(0);
            return;
        }
        LocalDateTime t = asDateTime(v);
        int timeLen = timeLength(scale);
        long units = t.toLocalTime().toNanoOfDay() / pow10(9 - scale);
        long days = ChronoUnit.DAYS.between(DATE_EPOCH, t.toLocalDate());
        b.u8(timeLen + 3).uN(units, timeLen).uN(days, 3);
    }

    static int timeLength(int scale) {
        return scale <= 2 ? 3 : scale <= 4 ? 4 : 5;
    }

    static long pow10(int n) {
        long r = 1;
        for (int i = 0; i < n; i++) {
            r *= 10;
        }
        return r;
    }

    /** SQL Server's GUID byte order: the first three groups little-endian, the last two as written. */
    static byte[] guidBytes(UUID u) {
        byte[] be = new byte[16];
        long msb = u.getMostSignificantBits();
        long lsb = u.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            be[i] = (byte) (msb >>> (56 - 8 * i));
            be[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return swapGuidByteOrder(be);
    }

    /**
     * GUIDs go on the wire with their first three fields little-endian: swaps those bytes between that order and
     * the big-endian order of {@link UUID}; the swap is its own inverse, so it serves both directions.
     */
    private static byte[] swapGuidByteOrder(byte[] in) {
        byte[] out = in.clone();
        out[0] = in[3];
        out[1] = in[2];
        out[2] = in[1];
        out[3] = in[0];
        out[4] = in[5];
        out[5] = in[4];
        out[6] = in[7];
        out[7] = in[6];
        return out;
    }

    static UUID guidFromBytes(byte[] w) {
        byte[] be = swapGuidByteOrder(w);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = msb << 8 | (be[i] & 0xFF);
            lsb = lsb << 8 | (be[8 + i] & 0xFF);
        }
        return new UUID(msb, lsb);
    }

    static LocalDateTime datetimeFromWire(int days, long ticks) {
        long nanos = Math.round(ticks * 1_000_000_000.0 / 300.0);
        return DATETIME_EPOCH.plusDays(days).atStartOfDay().plusNanos(nanos);
    }

    static LocalDateTime datetime2FromWire(long units, int scale, long days) {
        return DATE_EPOCH.plusDays(days).atTime(LocalTime.ofNanoOfDay(
                Math.min(units * pow10(9 - scale), LocalTime.MAX.toNanoOfDay())));
    }
}
