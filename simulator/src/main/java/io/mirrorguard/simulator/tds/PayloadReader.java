package io.mirrorguard.simulator.tds;

import java.nio.charset.StandardCharsets;

/** A bounds-checked little-endian cursor over a received message payload; overruns are protocol errors. */
final class PayloadReader {
    private final byte[] data;
    private final int end;
    private int pos;

    PayloadReader(byte[] data) {
        this(data, 0, data.length);
    }

    PayloadReader(byte[] data, int off, int end) {
        this.data = data;
        this.pos = off;
        this.end = end;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    byte[] data() {
        return data;
    }

    private void need(int n, String what) throws TdsProtocolException {
        if (n < 0 || end - pos < n) {
            throw new TdsProtocolException("truncated " + what + " at offset " + pos + " (need " + n + ", have "
                    + (end - pos) + ")");
        }
    }

    void skip(int n, String what) throws TdsProtocolException {
        need(n, what);
        pos += n;
    }

    int u8(String what) throws TdsProtocolException {
        need(1, what);
        return data[pos++] & 0xFF;
    }

    int u16(String what) throws TdsProtocolException {
        need(2, what);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    int i32(String what) throws TdsProtocolException {
        need(4, what);
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            v = v << 8 | (data[pos + i] & 0xFF);
        }
        pos += 4;
        return v;
    }

    long i64(String what) throws TdsProtocolException {
        need(8, what);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (data[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    /** Unsigned little-endian integer of {@code n} (1-8) bytes. */
    long uN(int n, String what) throws TdsProtocolException {
        need(n, what);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (data[pos + i] & 0xFF);
        }
        pos += n;
        return v;
    }

    byte[] bytes(int n, String what) throws TdsProtocolException {
        need(n, what);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    String ucs2(int chars, String what) throws TdsProtocolException {
        need(chars * 2, what);
        String s = new String(data, pos, chars * 2, StandardCharsets.UTF_16LE);
        pos += chars * 2;
        return s;
    }

    String bVarchar(String what) throws TdsProtocolException {
        return ucs2(u8(what), what);
    }
}
