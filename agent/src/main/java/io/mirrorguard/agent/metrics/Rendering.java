package io.mirrorguard.agent.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * Bytes of the exposition kept until what they show changes (a family's samples, or a header), and the first time a
 * client asks for it, their gzip member. Gzip members concatenate into one valid gzip stream (RFC 1952 section 2.2),
 * so a compressed response is the members of its parts, each compressed once.
 */
final class Rendering {
    private final byte[] plain;
    private byte[] gzip;

    Rendering(byte[] plain) {
        this.plain = plain;
    }

    byte[] plain() {
        return plain;
    }

    synchronized byte[] gzip() {
        if (gzip == null) {
            gzip = gzip(plain);
        }
        return gzip;
    }

    /** One gzip member; members concatenate into a valid gzip stream (RFC 1952 section 2.2). */
    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 8));
        try (GZIPOutputStream z = new GZIPOutputStream(out, 64 * 1024)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
