package io.mirrorguard.simulator.tds;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte sink for building TDS payloads (TDS integers are little-endian unless noted). */
final class TokenBuffer {
    private byte[] bytes;
    private int size;

    TokenBuffer() {
        this(256);
    }

    TokenBuffer(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    byte[] array() {
        return bytes;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    TokenBuffer u8(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
        return this;
    }

    TokenBuffer u16(int v) {
        ensure(2);
        bytes[size++] = (byte) v;
        bytes[size++] = (byte) (v >>> 8);
        return this;
    }

    TokenBuffer u16be(int v) {
        ensure(2);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
        return this;
    }

    TokenBuffer i32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    TokenBuffer i32be(int v) {
        ensure(4);
        for (int i = 3; i >= 0; i--) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    TokenBuffer i64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** The low {@code n} bytes of {@code v}, little-endian (3- and 5-byte temporal fields). */
    TokenBuffer uN(long v, int n) {
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    TokenBuffer bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    TokenBuffer bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
        return this;
    }

    TokenBuffer ucs2(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_16LE));
    }

    /** B_VARCHAR: one byte of character count, then UCS-2 (truncated to 255 characters). */
    TokenBuffer bVarchar(String s) {
        String v = s == null ? "" : s.length() > 255 ? s.substring(0, 255) : s;
        u8(v.length());
        return ucs2(v);
    }

    /** US_VARCHAR: two bytes of character count, then UCS-2. */
    TokenBuffer usVarchar(String s) {
        String v = s == null ? "" : s.length() > 65535 ? s.substring(0, 65535) : s;
        u16(v.length());
        return ucs2(v);
    }

    void setU16(int pos, int v) {
        bytes[pos] = (byte) v;
        bytes[pos + 1] = (byte) (v >>> 8);
    }

    int getU16(int pos) {
        return (bytes[pos] & 0xFF) | (bytes[pos + 1] & 0xFF) << 8;
    }
}
