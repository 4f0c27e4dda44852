package io.mirrorguard.simulator.tds;

import java.io.IOException;
import java.io.OutputStream;

/** Splits server messages into packets of the negotiated size; thread-safe so a cancel ack never interleaves. */
final class PacketWriter {
    private OutputStream out;
    private int packetSize = 4096;
    private int packetId = 1;
    private final int spid;

    PacketWriter(OutputStream out, int spid) {
        this.out = out;
        this.spid = spid;
    }

    synchronized void setOutput(OutputStream out) {
        this.out = out;
    }

    synchronized void setPacketSize(int size) {
        this.packetSize = size;
    }

    synchronized int packetSize() {
        return packetSize;
    }

    void writeMessage(int type, byte[] payload, int length) throws IOException {
        writeMessage(type, payload, length, -1);
    }

    /**
     * Writes one message. When {@code cutAt >= 0}, stops after that many payload bytes without ending the message
     * (used to simulate a connection dropped in the middle of a result).
     */
    synchronized void writeMessage(int type, byte[] payload, int length, int cutAt) throws IOException {
        int max = packetSize - 8;
        int off = 0;
        byte[] packet = new byte[Math.min(packetSize, length + 8)];
        do {
            int chunk = Math.min(max, length - off);
            boolean last = off + chunk >= length;
            int total = chunk + 8;
            packet[0] = (byte) type;
            packet[1] = (byte) (last ? TdsMessage.STATUS_EOM : 0);
            packet[2] = (byte) (total >>> 8);
            packet[3] = (byte) total;
            packet[4] = (byte) (spid >>> 8);
            packet[5] = (byte) spid;
            packet[6] = (byte) packetId;
            packet[7] = 0;
            packetId = (packetId + 1) & 0xFF;
            System.arraycopy(payload, off, packet, 8, chunk);
            if (cutAt >= 0 && off + chunk > cutAt) {
                out.write(packet, 0, 8 + Math.max(0, cutAt - off));
                out.flush();
                return;
            }
            out.write(packet, 0, total);
            off += chunk;
        } while (off < length);
        out.flush();
    }
}
