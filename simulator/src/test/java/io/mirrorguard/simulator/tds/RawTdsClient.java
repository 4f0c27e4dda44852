package io.mirrorguard.simulator.tds;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A byte-level cleartext TDS client for tests that need exact control (fuzzing, attention timing). */
final class RawTdsClient implements AutoCloseable {
    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** Largest packet (with header) of the last message read. */
    int lastMaxPacket;

    RawTdsClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A PRELOGIN asking for no encryption (as tedious with encrypt:false sends). */
    static byte[] preloginPayload() {
        TokenBuffer b = new TokenBuffer();
        b.u8(0).u16be(11).u16be(6);
        b.u8(1).u16be(17).u16be(1);
        b.u8(0xFF);
        b.u8(13).u8(6).u16be(2).u16be(0);
        b.u8(0x02);
        return b.toByteArray();
    }

    static byte[] login7Payload(String user, String password, String database, int packetSize) {
        String[] strings = {"testhost", user, password, "raw-test", "127.0.0.1", "", "raw", "", database};
        TokenBuffer b = new TokenBuffer();
        b.i32(0).i32(0x74000004).i32(packetSize).i32(0).i32(1234).i32(0);
        b.u8(0xE0).u8(0x03).u8(0).u8(0).i32(0).i32(0);
        int offset = Login7.FIXED_LENGTH;
        TokenBuffer data = new TokenBuffer();
        for (int i = 0; i < strings.length; i++) {
            String s = strings[i];
            if (i == 5) { // Extension: none
                b.u16(offset).u16(0);
                continue;
            }
            b.u16(offset).u16(s.length());
            byte[] bytes = s.getBytes(StandardCharsets.UTF_16LE);
            if (i == 2) {
                for (int j = 0; j < bytes.length; j++) {
                    int x = (bytes[j] & 0xFF) ^ 0x5A;
                    bytes[j] = (byte) (((x & 0x0F) << 4) | (x >>> 4));
                }
            }
            data.bytes(bytes);
            offset += bytes.length;
        }
        b.bytes(new byte[6]);
        b.u16(offset).u16(0).u16(offset).u16(0).u16(offset).u16(0).i32(0);
        b.bytes(data.toByteArray());
        byte[] all = b.toByteArray();
        all[0] = (byte) all.length;
        all[1] = (byte) (all.length >>> 8);
        return all;
    }

    static byte[] batchPayload(String sql) {
        TokenBuffer b = new TokenBuffer();
        b.i32(22).i32(18).u16(2).i64(0).i32(1);
        b.ucs2(sql);
        return b.toByteArray();
    }

    static byte[] packet(int type, int status, byte[] payload) {
        TokenBuffer b = new TokenBuffer(payload.length + 8);
        b.u8(type).u8(status).u16be(payload.length + 8).u16be(0).u8(1).u8(0);
        b.bytes(payload);
        return b.toByteArray();
    }

    void send(int type, byte[] payload) throws IOException {
        out.write(packet(type, 0x01, payload));
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one whole response message payload. */
    byte[] readMessage() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        lastMaxPacket = 0;
        while (true) {
            byte[] h = new byte[8];
            in.readFully(h);
            int len = (h[2] & 0xFF) << 8 | (h[3] & 0xFF);
            lastMaxPacket = Math.max(lastMaxPacket, len);
            byte[] p = new byte[len - 8];
            in.readFully(p);
            all.write(p);
            if ((h[1] & 0x01) != 0) {
                return all.toByteArray();
            }
        }
    }

    /** PRELOGIN (no encryption) and LOGIN7; returns the login response payload. */
    byte[] login(String user, String password) throws IOException {
        return login(user, password, 4096);
    }

    byte[] login(String user, String password, int packetSize) throws IOException {
        send(0x12, preloginPayload());
        readMessage();
        send(0x10, login7Payload(user, password, "", packetSize));
        return readMessage();
    }

    /** An RPC request: by procedure id when {@code procName} is null. */
    static byte[] rpcPayload(String procName, int procId, byte[]... params) {
        TokenBuffer b = new TokenBuffer();
        b.i32(22).i32(18).u16(2).i64(0).i32(1);
        if (procName == null) {
            b.u16(0xFFFF).u16(procId);
        } else {
            b.u16(procName.length()).ucs2(procName);
        }
        b.u16(0);
        for (byte[] p : params) {
            b.bytes(p);
        }
        return b.toByteArray();
    }

    static byte[] intParam(String name, Integer value, boolean output) {
        TokenBuffer b = new TokenBuffer();
        b.bVarchar(name).u8(output ? 1 : 0).u8(0x26).u8(4);
        if (value == null) {
            b.u8(0);
        } else {
            b.u8(4).i32(value);
        }
        return b.toByteArray();
    }

    static byte[] nvarcharParam(String name, String value) {
        TokenBuffer b = new TokenBuffer();
        b.bVarchar(name).u8(0).u8(0xE7).u16(8000).bytes(TypeCodec.COLLATION);
        b.u16(2 * value.length()).ucs2(value);
        return b.toByteArray();
    }

    /** True when the server closed the connection (EOF or reset) before {@code timeoutMs}. */
    boolean serverClosed(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        try {
            byte[] buf = new byte[4096];
            while (true) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
