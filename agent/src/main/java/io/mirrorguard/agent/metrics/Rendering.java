package io.mirrorguard.agent.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * One rendering of the fleet's families in one exposition format, kept until the next change: the UTF-8 text and,
 * the first time a client asks for it, its gzip. Scrapes in between are served these bytes as they are.
 */
final class Rendering {
    private final long generation;
    private final byte[] plain;
    private byte[] gzip;

    Rendering(long generation, String text) {
        this.generation = generation;
        this.plain = text.getBytes(StandardCharsets.UTF_8);
    }

    long generation() {
        return generation;
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
