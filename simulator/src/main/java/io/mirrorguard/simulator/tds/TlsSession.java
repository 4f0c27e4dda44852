package io.mirrorguard.simulator.tds;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * A server-side {@link SSLEngine} over a blocking byte stream. The handshake goes through a {@link Transport} (so that
 * TDS 7.x can carry it inside PRELOGIN packets); afterwards {@link #input()} and {@link #output()} read and write
 * TLS records on the raw streams.
 */
final class TlsSession {

    /** Moves handshake bytes: TDS 7.x wraps them in PRELOGIN messages, TDS 8.0 sends them raw. */
    interface Transport {
        /** The next chunk of handshake bytes from the client; null at end of stream. */
        byte[] receive() throws IOException;

        void send(byte[] data, int length) throws IOException;
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final InputStream rawIn;
    private final OutputStream rawOut;
    private ByteBuffer netIn;   // write mode: received, not yet unwrapped
    private ByteBuffer appIn;   // write mode: decrypted, not yet read
    private ByteBuffer netOut;
    private final Object writeLock = new Object();

    private TlsSession(SSLEngine engine, InputStream rawIn, OutputStream rawOut) {
        this.engine = engine;
        this.rawIn = rawIn;
        this.rawOut = rawOut;
        int net = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(net);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.netOut = ByteBuffer.allocate(net);
    }

    /**
     * TDS 7.x TLS is capped at 1.2 (as SQL Server, tedious and Babelfish do); TDS 8.0 allows 1.3 and selects the
     * ALPN protocol "tds/8.0".
     */
    static TlsSession server(SSLContext ctx, boolean tds8, InputStream rawIn, OutputStream rawOut) {
        SSLEngine engine = ctx.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters params = engine.getSSLParameters();
        if (tds8) {
            params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            params.setApplicationProtocols(new String[] {"tds/8.0"});
        } else {
            params.setProtocols(new String[] {"TLSv1.2"});
        }
        engine.setSSLParameters(params);
        return new TlsSession(engine, rawIn, rawOut);
    }

    /** A transport that reads and writes TLS records directly on the raw streams (TDS 8.0). */
    Transport rawTransport() {
        return new Transport() {
            private final byte[] chunk = new byte[16 * 1024];

            @Override
            public byte[] receive() throws IOException {
                int n = rawIn.read(chunk);
                return n < 0 ? null : java.util.Arrays.copyOf(chunk, n);
            }

            @Override
            public void send(byte[] data, int length) throws IOException {
                rawOut.write(data, 0, length);
                rawOut.flush();
            }
        };
    }

    void handshake(Transport transport) throws IOException {
        engine.beginHandshake();
        TokenBuffer pending = new TokenBuffer(4096);
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    netOut.clear();
                    SSLEngineResult res = engine.wrap(EMPTY, netOut);
                    if (res.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                        netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                        continue;
                    }
                    if (res.getStatus() == SSLEngineResult.Status.CLOSED) {
                        flush(transport, pending);
                        throw new SSLException("TLS handshake closed by the server engine");
                    }
                    pending.bytes(netOut.array(), 0, netOut.position());
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    flush(transport, pending);
                    netIn.flip();
                    SSLEngineResult res = engine.unwrap(netIn, appIn);
                    netIn.compact();
                    switch (res.getStatus()) {
                        case BUFFER_UNDERFLOW -> {
                            byte[] more = transport.receive();
                            if (more == null) {
                                throw new EOFException("connection closed during the TLS handshake");
                            }
                            appendNet(more, more.length);
                        }
                        case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                        case CLOSED -> throw new SSLException("client closed TLS during the handshake");
                        default -> { }
                    }
                }
                default -> {
                    flush(transport, pending);
                    return;
                }
            }
        }
    }

    private static void flush(Transport transport, TokenBuffer pending) throws IOException {
        if (pending.size() > 0) {
            transport.send(pending.array(), pending.size());
            pending.reset();
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private void appendNet(byte[] data, int len) {
        if (netIn.remaining() < len) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.position() + len + netIn.capacity());
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        netIn.put(data, 0, len);
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + atLeast));
        b.flip();
        bigger.put(b);
        return bigger;
    }

    /** Raw bytes received but not consumed by TLS (handed to the cleartext stream after login-only TLS). */
    byte[] leftover() {
        byte[] out = new byte[netIn.position()];
        netIn.flip();
        netIn.get(out);
        netIn.clear();
        return out;
    }

    String protocol() {
        return engine.getSession().getProtocol();
    }

    String applicationProtocol() {
        return engine.getApplicationProtocol();
    }

    InputStream input() {
        return new InputStream() {
            private final byte[] one = new byte[1];

            @Override
            public int read() throws IOException {
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (appIn.position() == 0) {
                    if (!unwrapMore()) {
                        return -1;
                    }
                }
                appIn.flip();
                int n = Math.min(len, appIn.remaining());
                appIn.get(b, off, n);
                appIn.compact();
                return n;
            }
        };
    }

    /** Decrypts at least one record into appIn; false at end of stream or close_notify. */
    private boolean unwrapMore() throws IOException {
        netIn.flip();
        SSLEngineResult res = engine.unwrap(netIn, appIn);
        netIn.compact();
        switch (res.getStatus()) {
            case BUFFER_UNDERFLOW -> {
                if (netIn.remaining() == 0) {
                    netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                }
                int n = rawIn.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
                if (n < 0) {
                    return false;
                }
                netIn.position(netIn.position() + n);
            }
            case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
            case CLOSED -> {
                return false;
            }
            default -> { }
        }
        // TLS 1.3 key updates and session tickets need the engine to write while we read.
        SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
        if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            runTasks();
        } else if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            writeRecords(EMPTY);
        }
        return true;
    }

    private void writeRecords(ByteBuffer src) throws IOException {
        synchronized (writeLock) {
            do {
                netOut.clear();
                SSLEngineResult res = engine.wrap(src, netOut);
                if (res.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                    continue;
                }
                if (res.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new SSLException("TLS session closed");
                }
                rawOut.write(netOut.array(), 0, netOut.position());
                if (res.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
            } while (src.hasRemaining());
            rawOut.flush();
        }
    }

    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writeRecords(ByteBuffer.wrap(b, off, len));
            }

            @Override
            public void flush() throws IOException {
                rawOut.flush();
            }
        };
    }
}
