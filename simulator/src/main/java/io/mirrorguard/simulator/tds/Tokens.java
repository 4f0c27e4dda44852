package io.mirrorguard.simulator.tds;

import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlType;
import java.util.List;

/** Writers for the response tokens (MS-TDS 2.2.7). */
final class Tokens {
    static final int COLMETADATA = 0x81;
    static final int ROW = 0xD1;
    static final int DONE = 0xFD;
    static final int DONEPROC = 0xFE;
    static final int DONEINPROC = 0xFF;
    static final int ERROR = 0xAA;
    static final int INFO = 0xAB;
    static final int ENVCHANGE = 0xE3;
    static final int LOGINACK = 0xAD;
    static final int RETURNSTATUS = 0x79;
    static final int RETURNVALUE = 0xAC;

    static final int DONE_FINAL = 0x0000;
    static final int DONE_MORE = 0x0001;
    static final int DONE_ERROR = 0x0002;
    static final int DONE_COUNT = 0x0010;
    static final int DONE_ATTN = 0x0020;

    static final int CMD_NONE = 0x00;
    static final int CMD_SELECT = 0xC1;
    static final int CMD_UPDATE = 0xC5;
    static final int CMD_EXECUTE = 0xE0;

    static final int ENV_DATABASE = 1;
    static final int ENV_LANGUAGE = 2;
    static final int ENV_PACKET_SIZE = 4;
    static final int ENV_COLLATION = 7;

    private Tokens() {}

    /** Writes a DONE-family token and returns the offset of its status field (patched later for MORE). */
    static int done(TokenBuffer b, int token, int status, int curCmd, long rows) {
        b.u8(token);
        int at = b.size();
        b.u16(status).u16(curCmd).i64(rows);
        return at;
    }

    static byte[] doneOnly(int status) {
        TokenBuffer b = new TokenBuffer(16);
        done(b, DONE, status, CMD_NONE, 0);
        return b.toByteArray();
    }

    static void message(TokenBuffer b, boolean error, int number, int state, int severity, String text,
                        String server, String proc, int line) {
        TokenBuffer body = new TokenBuffer(64 + 2 * text.length());
        body.i32(number).u8(state).u8(severity).usVarchar(text).bVarchar(server).bVarchar(proc).i32(line);
        b.u8(error ? ERROR : INFO).u16(body.size()).bytes(body.array(), 0, body.size());
    }

    static void envString(TokenBuffer b, int type, String newValue, String oldValue) {
        TokenBuffer body = new TokenBuffer(64);
        body.u8(type).bVarchar(newValue).bVarchar(oldValue);
        b.u8(ENVCHANGE).u16(body.size()).bytes(body.array(), 0, body.size());
    }

    static void envCollation(TokenBuffer b) {
        b.u8(ENVCHANGE).u16(3 + TypeCodec.COLLATION.length).u8(ENV_COLLATION)
                .u8(TypeCodec.COLLATION.length).bytes(TypeCodec.COLLATION).u8(0);
    }

    /** LOGINACK: interface SQL (1), the TDS version big-endian, program name and version. */
    static void loginAck(TokenBuffer b, int tdsVersion, int[] version) {
        TokenBuffer body = new TokenBuffer(64);
        int major = version.length > 0 ? version[0] : 16;
        int minor = version.length > 1 ? version[1] : 0;
        int build = version.length > 2 ? version[2] : 1000;
        body.u8(1).i32be(tdsVersion).bVarchar("Microsoft SQL Server").u8(major).u8(minor).u16be(build);
        b.u8(LOGINACK).u16(body.size()).bytes(body.array(), 0, body.size());
    }

    static void returnStatus(TokenBuffer b, int status) {
        b.u8(RETURNSTATUS).i32(status);
    }

    /** RETURNVALUE for an int OUTPUT parameter (the prepared-statement handle). */
    static void returnValueInt(TokenBuffer b, int ordinal, String name, int value) {
        b.u8(RETURNVALUE).u16(ordinal).bVarchar(name).u8(0x01).i32(0).u16(0);
        TypeCodec.writeTypeInfo(b, SqlType.INT);
        TypeCodec.writeValue(b, SqlType.INT, value);
    }

    static void colMetadata(TokenBuffer b, List<ResultItem.Column> columns) {
        b.u8(COLMETADATA).u16(columns.size());
        for (ResultItem.Column c : columns) {
            b.i32(0).u16(c.nullable() ? 0x0001 : 0x0000);
            TypeCodec.writeTypeInfo(b, c.type());
            b.bVarchar(c.name() == null ? "" : c.name());
        }
    }

    static void row(TokenBuffer b, List<ResultItem.Column> columns, List<Object> values) {
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException("row has " + values.size() + " values for " + columns.size()
                    + " columns");
        }
        b.u8(ROW);
        for (int i = 0; i < columns.size(); i++) {
            ResultItem.Column c = columns.get(i);
            try {
                TypeCodec.writeValue(b, c.type(), values.get(i));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("column '" + c.name() + "' (" + c.type().sqlName() + "): "
                        + e.getMessage(), e);
            }
        }
    }
}
