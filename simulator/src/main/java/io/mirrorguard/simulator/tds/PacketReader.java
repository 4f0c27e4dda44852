package io.mirrorguard.simulator.tds;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads TDS packets (8-byte header, big-endian length) and reassembles them into messages. */
final class PacketReader {
    /** Upper bound of one reassembled request; a larger one is treated as hostile input. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** Before login only PRELOGIN, TLS handshakes and LOGIN7 arrive; none is anywhere near this size. */
    static final int MAX_PRELOGIN_MESSAGE_BYTES = 128 * 1024;
    static final int MAX_PACKET_BYTES = 32767;

    private InputStream in;
    private final byte[] header = new byte[8];
    private int maxMessageBytes = MAX_PRELOGIN_MESSAGE_BYTES;

    PacketReader(InputStream in) {
        this.in = in;
    }

    void setMaxMessageBytes(int max) {
        this.maxMessageBytes = max;
    }

    void setInput(InputStream in) {
        this.in = in;
    }

    /** A single packet; null on a clean end of stream before its first byte. */
    TdsMessage readPacket() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        header[0] = (byte) first;
        readFully(header, 1, 7);
        int length = (header[2] & 0xFF) << 8 | (header[3] & 0xFF);
        if (length < 8 || length > MAX_PACKET_BYTES) {
            throw new TdsProtocolException("packet length " + length + " out of range 8.." + MAX_PACKET_BYTES);
        }
        byte[] payload = new byte[length - 8];
        readFully(payload, 0, payload.length);
        return new TdsMessage(header[0] & 0xFF, header[1] & 0xFF, payload);
    }

    /** A whole message (packets up to the one with EOM); null on a clean end of stream between messages. */
    TdsMessage readMessage() throws IOException {
        TdsMessage p = readPacket();
        return p == null ? null : continueMessage(p);
    }

    /** Completes a message whose first packet was already read (possibly through another stream). */
    TdsMessage continueMessage(TdsMessage p) throws IOException {
        if ((p.status() & TdsMessage.STATUS_EOM) != 0) {
            return p;
        }
        int type = p.type();
        int status = p.status();
        TokenBuffer all = new TokenBuffer(p.payload().length * 2);
        all.bytes(p.payload());
        while (true) {
            TdsMessage next = readPacket();
            if (next == null) {
                throw new EOFException("connection closed inside a message of type " + type);
            }
            if (next.type() != type) {
                throw new TdsProtocolException("packet type " + next.type() + " inside a message of type " + type);
            }
            if (all.size() + next.payload().length > maxMessageBytes) {
                throw new TdsProtocolException("message larger than " + maxMessageBytes + " bytes");
            }
            all.bytes(next.payload());
            status |= next.status();
            if ((next.status() & TdsMessage.STATUS_EOM) != 0) {
                return new TdsMessage(type, status, all.toByteArray());
            }
        }
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                throw new EOFException("connection closed inside a packet");
            }
            done += n;
        }
    }
}
