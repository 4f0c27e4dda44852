package io.mirrorguard.simulator.tds;

import io.mirrorguard.simulator.api.SqlType;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Decodes one RPC parameter (name, status, TYPE_INFO, value) into the engine's Java types. */
final class RpcParamReader {

    /** A decoded parameter; {@code name} is empty for mssql-jdbc's unnamed parameters. */
    record RpcParam(String name, boolean output, SqlType type, Object value) {}

    private static final int NULLTYPE = 0x1F;
    private static final int INT1 = 0x30;
    private static final int BIT = 0x32;
    private static final int INT2 = 0x34;
    private static final int INT4 = 0x38;
    private static final int INT8 = 0x7F;
    private static final int DATETIM4 = 0x3A;
    private static final int DATETIME = 0x3D;
    private static final int FLT4 = 0x3B;
    private static final int FLT8 = 0x3E;
    private static final int MONEY = 0x3C;
    private static final int MONEY4 = 0x7A;
    private static final int FLTN = 0x6D;
    private static final int MONEYN = 0x6E;
    private static final int DATE = 0x28;
    private static final int TIME = 0x29;
    private static final int DATETIMEOFFSET = 0x2B;
    private static final int TEXT = 0x23;
    private static final int NTEXT = 0x63;
    private static final int IMAGE = 0x22;

    private RpcParamReader() {}

    static RpcParam read(PayloadReader r) throws TdsProtocolException {
        String name = r.bVarchar("parameter name");
        int status = r.u8("parameter status");
        int type = r.u8("parameter type");
        return switch (type) {
            case NULLTYPE -> new RpcParam(name, output(status), SqlType.INT, null);
            case INT1 -> new RpcParam(name, output(status), SqlType.TINYINT, (short) r.u8("tinyint"));
            case BIT -> new RpcParam(name, output(status), SqlType.BIT, r.u8("bit") != 0);
            case INT2 -> new RpcParam(name, output(status), SqlType.SMALLINT, (short) r.u16("smallint"));
            case INT4 -> new RpcParam(name, output(status), SqlType.INT, r.i32("int"));
            case INT8 -> new RpcParam(name, output(status), SqlType.BIGINT, r.i64("bigint"));
            case DATETIME -> new RpcParam(name, output(status), SqlType.DATETIME, datetime(r, 8));
            case DATETIM4 -> new RpcParam(name, output(status), SqlType.DATETIME, datetime(r, 4));
            case FLT4 -> floating(name, status, r, 4);
            case FLT8 -> floating(name, status, r, 8);
            case MONEY -> money(name, status, r, 8);
            case MONEY4 -> money(name, status, r, 4);
            case TypeCodec.INTN -> intn(name, status, r);
            case TypeCodec.BITN -> {
                r.u8("bit length");
                int len = r.u8("bit value length");
                yield new RpcParam(name, output(status), SqlType.BIT, len == 0 ? null : r.u8("bit") != 0);
            }
            case FLTN -> {
                r.u8("float length");
                int len = r.u8("float value length");
                yield len == 0 ? new RpcParam(name, output(status), SqlType.numeric(38, 10), null)
                        : floating(name, status, r, len);
            }
            case MONEYN -> {
                r.u8("money length");
                int len = r.u8("money value length");
                yield len == 0 ? new RpcParam(name, output(status), SqlType.numeric(19, 4), null)
                        : money(name, status, r, len);
            }
            case TypeCodec.DATETIMN -> {
                r.u8("datetime length");
                int len = r.u8("datetime value length");
                yield new RpcParam(name, output(status), SqlType.DATETIME, len == 0 ? null : datetime(r, len));
            }
            case TypeCodec.DECIMALN, TypeCodec.NUMERICN -> numeric(name, status, r);
            case DATE -> {
                int len = r.u8("date value length");
                LocalDateTime v = len == 0 ? null : LocalDate.of(1, 1, 1).plusDays(r.uN(3, "date")).atStartOfDay();
                yield new RpcParam(name, output(status), SqlType.datetime2(0), v);
            }
            case TIME -> {
                int scale = scale(r);
                int len = r.u8("time value length");
                LocalDateTime v = len == 0 ? null
                        : TypeCodec.datetime2FromWire(r.uN(len, "time"), scale, 693_595); // 1900-01-01
                yield new RpcParam(name, output(status), SqlType.datetime2(scale), v);
            }
            case TypeCodec.DATETIME2N -> {
                int scale = scale(r);
                int len = r.u8("datetime2 value length");
                LocalDateTime v = null;
                if (len != 0) {
                    long units = r.uN(len - 3, "datetime2 time");
                    v = TypeCodec.datetime2FromWire(units, scale, r.uN(3, "datetime2 date"));
                }
                yield new RpcParam(name, output(status), SqlType.datetime2(scale), v);
            }
            case DATETIMEOFFSET -> {
                int scale = scale(r);
                int len = r.u8("datetimeoffset value length");
                LocalDateTime v = null;
                if (len != 0) {
                    long units = r.uN(len - 5, "datetimeoffset time");
                    LocalDateTime utc = TypeCodec.datetime2FromWire(units, scale, r.uN(3, "datetimeoffset date"));
                    v = utc.plusMinutes((short) r.u16("datetimeoffset offset"));
                }
                yield new RpcParam(name, output(status), SqlType.datetime2(scale), v);
            }
            case TypeCodec.GUID -> {
                r.u8("guid length");
                int len = r.u8("guid value length");
                if (len != 0 && len != 16) {
                    throw new TdsProtocolException("uniqueidentifier value of " + len + " bytes");
                }
                yield new RpcParam(name, output(status), SqlType.UNIQUEIDENTIFIER,
                        len == 0 ? null : TypeCodec.guidFromBytes(r.bytes(16, "guid")));
            }
            case TypeCodec.NVARCHAR, TypeCodec.NCHAR, TypeCodec.BIGVARCHAR, TypeCodec.BIGCHAR ->
                    characters(name, status, type, r);
            case TypeCodec.BIGVARBINARY, TypeCodec.BIGBINARY -> {
                int max = r.u16("binary max length");
                byte[] v = max == 0xFFFF ? readPlp(r) : shortLenBytes(r);
                SqlType t = type == TypeCodec.BIGBINARY ? SqlType.binary(max) : SqlType.varbinary(max == 0xFFFF ? -1 : max);
                yield new RpcParam(name, output(status), t, v);
            }
            case TEXT, NTEXT, IMAGE -> legacyLob(name, status, type, r);
            default -> throw new TdsProtocolException(String.format("unsupported RPC parameter type 0x%02X for '%s'",
                    type, name));
        };
    }

    private static boolean output(int status) {
        return (status & 0x01) != 0;
    }

    private static int scale(PayloadReader r) throws TdsProtocolException {
        int scale = r.u8("scale");
        if (scale > 7) {
            throw new TdsProtocolException("time scale " + scale + " out of range 0..7");
        }
        return scale;
    }

    private static RpcParam intn(String name, int status, PayloadReader r) throws TdsProtocolException {
        int width = r.u8("int length");
        int len = r.u8("int value length");
        SqlType t = switch (width) {
            case 1 -> SqlType.TINYINT;
            case 2 -> SqlType.SMALLINT;
            case 4 -> SqlType.INT;
            case 8 -> SqlType.BIGINT;
            default -> throw new TdsProtocolException("INTN width " + width);
        };
        if (len == 0) {
            return new RpcParam(name, output(status), t, null);
        }
        if (len != width) {
            throw new TdsProtocolException("INTN value length " + len + " for width " + width);
        }
        Object v = switch (width) {
            case 1 -> (short) r.u8("tinyint");
            case 2 -> (short) r.u16("smallint");
            case 4 -> r.i32("int");
            default -> r.i64("bigint");
        };
        return new RpcParam(name, output(status), t, v);
    }

    private static RpcParam floating(String name, int status, PayloadReader r, int len) throws TdsProtocolException {
        double d = switch (len) {
            case 4 -> Float.intBitsToFloat(r.i32("real"));
            case 8 -> Double.longBitsToDouble(r.i64("float"));
            default -> throw new TdsProtocolException("float value length " + len);
        };
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new TdsProtocolException("float parameter is not finite");
        }
        BigDecimal v = BigDecimal.valueOf(d);
        return new RpcParam(name, output(status), SqlType.numeric(38, Math.max(0, Math.min(38, v.scale()))), v);
    }

    private static RpcParam money(String name, int status, PayloadReader r, int len) throws TdsProtocolException {
        long units = switch (len) {
            case 4 -> r.i32("smallmoney");
            case 8 -> {
                long hi = r.i32("money high") & 0xFFFFFFFFL;
                long lo = r.i32("money low") & 0xFFFFFFFFL;
                yield hi << 32 | lo;
            }
            default -> throw new TdsProtocolException("money value length " + len);
        };
        return new RpcParam(name, output(status), SqlType.numeric(19, 4), BigDecimal.valueOf(units, 4));
    }

    private static LocalDateTime datetime(PayloadReader r, int len) throws TdsProtocolException {
        if (len == 8) {
            int days = r.i32("datetime days");
            long ticks = r.i32("datetime ticks") & 0xFFFFFFFFL;
            return TypeCodec.datetimeFromWire(days, ticks);
        }
        if (len == 4) {
            int days = r.u16("smalldatetime days");
            int minutes = r.u16("smalldatetime minutes");
            return LocalDate.of(1900, 1, 1).plusDays(days).atStartOfDay().plusMinutes(minutes);
        }
        throw new TdsProtocolException("datetime value length " + len);
    }

    private static RpcParam numeric(String name, int status, PayloadReader r) throws TdsProtocolException {
        r.u8("numeric length");
        int precision = r.u8("numeric precision");
        int scale = r.u8("numeric scale");
        if (precision < 1 || precision > 38 || scale > precision) {
            throw new TdsProtocolException("numeric(" + precision + "," + scale + ") out of range");
        }
        int len = r.u8("numeric value length");
        SqlType t = SqlType.numeric(precision, scale);
        if (len == 0) {
            return new RpcParam(name, output(status), t, null);
        }
        if (len < 2 || len > 17) {
            throw new TdsProtocolException("numeric value length " + len);
        }
        int sign = r.u8("numeric sign");
        byte[] le = r.bytes(len - 1, "numeric magnitude");
        byte[] be = new byte[le.length + 1];
        for (int i = 0; i < le.length; i++) {
            be[be.length - 1 - i] = le[i];
        }
        BigInteger mag = new BigInteger(be);
        return new RpcParam(name, output(status), t, new BigDecimal(sign == 0 ? mag.negate() : mag, scale));
    }

    private static RpcParam characters(String name, int status, int type, PayloadReader r) throws TdsProtocolException {
        int max = r.u16("character max length");
        r.skip(5, "collation");
        byte[] raw = max == 0xFFFF ? readPlp(r) : shortLenBytes(r);
        boolean unicode = type == TypeCodec.NVARCHAR || type == TypeCodec.NCHAR;
        if (unicode && raw != null && raw.length % 2 != 0) {
            throw new TdsProtocolException("odd byte count " + raw.length + " for a Unicode value of '" + name + "'");
        }
        String v = raw == null ? null : new String(raw, unicode ? StandardCharsets.UTF_16LE : TypeCodec.CP1252);
        SqlType t = switch (type) {
            case TypeCodec.NVARCHAR -> SqlType.nvarchar(max == 0xFFFF ? -1 : max / 2);
            case TypeCodec.NCHAR -> SqlType.nchar(max / 2);
            case TypeCodec.BIGVARCHAR -> SqlType.varchar(max == 0xFFFF ? -1 : max);
            default -> SqlType.charType(max);
        };
        return new RpcParam(name, output(status), t, v);
    }

    private static RpcParam legacyLob(String name, int status, int type, PayloadReader r) throws TdsProtocolException {
        r.i32("LOB max length");
        if (type != IMAGE) {
            r.skip(5, "collation");
        }
        int ptrLen = r.u8("text pointer length");
        byte[] raw = null;
        if (ptrLen != 0) {
            r.skip(ptrLen + 8, "text pointer and timestamp");
            int len = r.i32("LOB length");
            raw = r.bytes(len, "LOB data");
        }
        return switch (type) {
            case IMAGE -> new RpcParam(name, output(status), SqlType.varbinary(-1), raw);
            case NTEXT -> new RpcParam(name, output(status), SqlType.nvarchar(-1),
                    raw == null ? null : new String(raw, StandardCharsets.UTF_16LE));
            default -> new RpcParam(name, output(status), SqlType.varchar(-1),
                    raw == null ? null : new String(raw, TypeCodec.CP1252));
        };
    }

    private static byte[] shortLenBytes(PayloadReader r) throws TdsProtocolException {
        int len = r.u16("value length");
        return len == 0xFFFF ? null : r.bytes(len, "value");
    }

    private static byte[] readPlp(PayloadReader r) throws TdsProtocolException {
        long total = r.i64("PLP length");
        if (total == -1L) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int chunk = r.i32("PLP chunk length");
            if (chunk == 0) {
                return out.toByteArray();
            }
            if (chunk < 0 || chunk > r.remaining()) {
                throw new TdsProtocolException("PLP chunk of " + chunk + " bytes with " + r.remaining() + " left");
            }
            out.write(r.data(), r.position(), chunk);
            r.skip(chunk, "PLP chunk");
        }
    }
}
