package io.mirrorguard.simulator.tds;

import io.mirrorguard.simulator.api.BatchResult;
import io.mirrorguard.simulator.api.CancelToken;
import io.mirrorguard.simulator.api.Fault;
import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlBackend;
import io.mirrorguard.simulator.api.SqlError;
import io.mirrorguard.simulator.api.SqlSession;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: PRELOGIN, the optional TLS layer, LOGIN7, then requests. This thread keeps reading while a
 * request runs on a worker, so an ATTENTION can cancel it; the worker writes the response, then this thread sends
 * the separate DONE(ATTN) acknowledgement.
 */
final class TdsConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TdsConnection.class);
    /** A client that has not logged in within this time is dropped (half-open or hostile connections). */
    static final int LOGIN_TIMEOUT_MS = 30_000;
    static final int DEFAULT_PACKET_SIZE = 4096;
    static final int MAX_TLS_PACKET_SIZE = 16384;

    private final TdsServer server;
    private final SqlBackend backend;
    private final SocketChannel channel;
    private final int spid;
    private PacketReader reader;
    private PacketWriter writer;
    private SqlSession session;
    private RpcHandler rpc;
    private volatile CancelToken running;
    /** The request running on a worker; only the connection thread touches it. */
    private Future<?> work;
    private volatile boolean closed;

    TdsConnection(TdsServer server, SocketChannel channel, int spid) {
        this.server = server;
        this.backend = server.backend();
        this.channel = channel;
        this.spid = spid;
    }

    @Override
    public void run() {
        Thread.currentThread().setName("tds-" + server.port() + "-spid" + spid);
        try {
            serve();
        } catch (TdsProtocolException e) {
            LOG.info("{} spid {}: closing connection after bad input: {}", backend.serverName(), spid, e.getMessage());
        } catch (SSLException e) {
            LOG.info("{} spid {}: TLS failed: {}", backend.serverName(), spid, e.getMessage());
        } catch (EOFException | SocketException e) {
            LOG.debug("{} spid {}: connection ended: {}", backend.serverName(), spid, e.toString());
        } catch (IOException | RuntimeException e) {
            if (closed) {
                LOG.debug("{} spid {}: connection closed by the server: {}", backend.serverName(), spid, e.toString());
            } else {
                LOG.warn("{} spid {}: connection failed: {}", backend.serverName(), spid, e.toString());
            }
        } finally {
            closeSocket();
            finishWorker();
            if (session != null) {
                try {
                    session.close();
                } catch (RuntimeException e) {
                    LOG.warn("{} spid {}: closing the session failed: {}", backend.serverName(), spid, e.toString());
                }
            }
            server.connectionEnded(this);
            Thread.currentThread().setName("tds-worker-idle");
        }
    }

    void closeSocket() {
        closed = true;
        CancelToken t = running;
        if (t != null) {
            t.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("close: {}", e.toString());
        }
    }

    private void serve() throws IOException {
        channel.configureBlocking(true);
        Socket socket = channel.socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(LOGIN_TIMEOUT_MS);
        BufferedInputStream raw = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        OutputStream rawOut = new BufferedOutputStream(socket.getOutputStream(), 33 * 1024);

        raw.mark(1);
        int first = raw.read();
        if (first < 0) {
            return;
        }
        raw.reset();
        TlsMaterial tls = server.tls();
        boolean strict = first == 0x16;
        InputStream in = raw;
        OutputStream out = rawOut;
        if (strict) {
            if (tls == null) {
                throw new TdsProtocolException("TLS-first (TDS 8.0) connection but the server has no certificate");
            }
            TlsSession t8 = TlsSession.server(tls.sslContext(), true, raw, rawOut);
            t8.handshake(t8.rawTransport());
            in = t8.input();
            out = t8.output();
        }
        reader = new PacketReader(in);
        writer = new PacketWriter(out, spid);

        TdsMessage pre = reader.readMessage();
        if (pre == null) {
            return;
        }
        if (pre.type() != TdsMessage.PRELOGIN) {
            throw new TdsProtocolException("expected PRELOGIN (0x12), got message type " + pre.type());
        }
        int clientEnc = Prelogin.clientEncryption(pre.payload());
        int reply = strict || tls == null ? Prelogin.ENCRYPT_NOT_SUP : switch (clientEnc) {
            case Prelogin.ENCRYPT_OFF -> Prelogin.ENCRYPT_OFF;
            case Prelogin.ENCRYPT_NOT_SUP -> Prelogin.ENCRYPT_NOT_SUP;
            default -> Prelogin.ENCRYPT_ON;
        };
        byte[] preReply = Prelogin.response(backend.productVersion(), reply);
        writer.writeMessage(TdsMessage.REPLY, preReply, preReply.length);

        boolean fullTls = strict;
        TdsMessage loginMsg;
        if (reply == Prelogin.ENCRYPT_ON || reply == Prelogin.ENCRYPT_OFF) {
            TlsSession t7 = TlsSession.server(tls.sslContext(), false, raw, rawOut);
            t7.handshake(preloginTransport());
            reader.setInput(t7.input());
            if (reply == Prelogin.ENCRYPT_ON) {
                writer.setOutput(t7.output());
                fullTls = true;
                loginMsg = reader.readMessage();
            } else {
                // Login-only TLS: just the first LOGIN7 packet is encrypted; the engine is then dropped silently.
                TdsMessage firstPacket = reader.readPacket();
                byte[] left = t7.leftover();
                reader.setInput(left.length == 0 ? raw : new SequenceInputStream(new ByteArrayInputStream(left), raw));
                loginMsg = firstPacket == null ? null : reader.continueMessage(firstPacket);
            }
        } else {
            loginMsg = reader.readMessage();
        }
        if (loginMsg == null) {
            return;
        }
        if (loginMsg.type() != TdsMessage.LOGIN7) {
            throw new TdsProtocolException("expected LOGIN7 (0x10), got message type " + loginMsg.type());
        }
        if (!login(Login7.parse(loginMsg.payload()), fullTls)) {
            return;
        }
        socket.setSoTimeout(0);
        reader.setMaxMessageBytes(PacketReader.MAX_MESSAGE_BYTES);
        requestLoop();
    }

    private TlsSession.Transport preloginTransport() {
        return new TlsSession.Transport() {
            @Override
            public byte[] receive() throws IOException {
                TdsMessage m = reader.readMessage();
                if (m == null) {
                    return null;
                }
                if (m.type() != TdsMessage.PRELOGIN) {
                    throw new TdsProtocolException("expected a TLS handshake in PRELOGIN packets, got type "
                            + m.type());
                }
                return m.payload();
            }

            @Override
            public void send(byte[] data, int length) throws IOException {
                writer.writeMessage(TdsMessage.PRELOGIN, data, length);
            }
        };
    }

    /** Sends the login response; false when the login failed (the error was sent and the connection must end). */
    private boolean login(Login7 login, boolean fullTls) throws IOException {
        Fault fault = backend.fault();
        if (fault.kind() == Fault.Kind.SLOW) {
            new CancelToken().sleep(fault.millis());
        }
        if (fault.kind() == Fault.Kind.LOGIN_FAILED || login.integratedSecurity()) {
            sendLoginFailed(login.userName(), null);
            return false;
        }
        try {
            session = backend.login(login.userName(), login.password());
        } catch (SqlError e) {
            sendLoginFailed(login.userName(), e.number() == 18456 ? null : e);
            return false;
        }
        String database = session.database();
        if (!login.database().isEmpty() && !login.database().equalsIgnoreCase(database)) {
            BatchResult use = session.execute("USE " + quoteName(login.database()), List.of(), new CancelToken());
            boolean failed = use.items().stream()
                    .anyMatch(i -> i instanceof ResultItem.Message m && m.error());
            if (failed) {
                sendLoginFailed(login.userName(), new SqlError(4060, 11, 1, "Cannot open database \""
                        + login.database() + "\" requested by the login. The login failed."));
                return false;
            }
            database = use.databaseChangedTo() != null ? use.databaseChangedTo() : session.database();
        }
        int packetSize = negotiatePacketSize(login.packetSize(), fullTls);
        String serverName = backend.serverName();
        TokenBuffer b = new TokenBuffer(512);
        Tokens.envString(b, Tokens.ENV_DATABASE, database, "master");
        Tokens.message(b, false, 5701, 2, 0, "Changed database context to '" + database + "'.", serverName, "", 1);
        Tokens.envCollation(b);
        Tokens.envString(b, Tokens.ENV_LANGUAGE, "us_english", "");
        Tokens.message(b, false, 5703, 1, 0, "Changed language setting to us_english.", serverName, "", 1);
        Tokens.loginAck(b, tdsVersionFor(login.tdsVersion()), backend.productVersion());
        Tokens.envString(b, Tokens.ENV_PACKET_SIZE, Integer.toString(packetSize),
                Integer.toString(DEFAULT_PACKET_SIZE));
        Tokens.done(b, Tokens.DONE, Tokens.DONE_FINAL, Tokens.CMD_NONE, 0);
        writer.writeMessage(TdsMessage.REPLY, b.array(), b.size());
        writer.setPacketSize(packetSize);
        rpc = new RpcHandler(session, backend.serverName(), database);
        LOG.debug("{} spid {}: {} logged in", serverName, spid, login);
        return true;
    }

    /** TDS 7.2 and 7.3 clients get their own version back; everything newer (7.4, 8.0) gets 7.4. */
    static int tdsVersionFor(int clientVersion) {
        if (clientVersion == 0x72090002 || clientVersion == 0x730A0003 || clientVersion == 0x730B0003) {
            return clientVersion;
        }
        return 0x74000004;
    }

    static int negotiatePacketSize(int requested, boolean fullTls) {
        int size = requested == 0 ? DEFAULT_PACKET_SIZE : Math.max(512, Math.min(32767, requested));
        return fullTls ? Math.min(size, MAX_TLS_PACKET_SIZE) : size;
    }

    private void sendLoginFailed(String user, SqlError other) throws IOException {
        TokenBuffer b = new TokenBuffer(256);
        String serverName = backend.serverName();
        if (other != null) {
            Tokens.message(b, true, other.number(), other.state(), other.severity(), other.getMessage(), serverName,
                    "", 1);
        }
        if (other == null || other.number() != 18456) {
            Tokens.message(b, true, 18456, 1, 14, "Login failed for user '" + user + "'.", serverName, "", 1);
        }
        Tokens.done(b, Tokens.DONE, Tokens.DONE_ERROR, Tokens.CMD_NONE, 0);
        writer.writeMessage(TdsMessage.REPLY, b.array(), b.size());
        LOG.info("{} spid {}: login failed for user '{}'", serverName, spid, user);
    }

    /** QUOTENAME: brackets with any closing bracket doubled. */
    static String quoteName(String name) {
        return "[" + name.replace("]", "]]") + "]";
    }

    /** After a failure: the worker must be done with the session before the session is closed. */
    private void finishWorker() {
        Future<?> w = work;
        work = null;
        if (w == null) {
            return;
        }
        try {
            w.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("{} spid {}: request ended with {}", backend.serverName(), spid, e.toString());
        }
    }

    private void requestLoop() throws IOException {
        while (true) {
            TdsMessage m = reader.readMessage();
            if (m == null) {
                await(work);
                work = null;
                return;
            }
            if (m.type() == TdsMessage.ATTENTION) {
                CancelToken t = running;
                if (t != null) {
                    t.cancel();
                }
                await(work);
                work = null;
                byte[] ack = Tokens.doneOnly(Tokens.DONE_ATTN);
                writer.writeMessage(TdsMessage.REPLY, ack, ack.length);
                continue;
            }
            await(work);
            work = null;
            if (m.type() != TdsMessage.SQL_BATCH && m.type() != TdsMessage.RPC) {
                throw new TdsProtocolException("unsupported message type " + m.type() + " after login");
            }
            CancelToken token = new CancelToken();
            running = token;
            work = TdsThreads.POOL.submit(() -> {
                respond(m, token);
                return null;
            });
        }
    }

    private void await(Future<?> work) throws IOException {
        if (work == null) {
            return;
        }
        try {
            work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while a request ran", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        } finally {
            running = null;
        }
    }

    /** Runs on a worker: executes one request and writes its whole response message. */
    private void respond(TdsMessage m, CancelToken token) throws IOException {
        try {
            respondOrFail(m, token);
        } catch (IOException e) {
            closeSocket();
            throw e;
        }
    }

    private void respondOrFail(TdsMessage m, CancelToken token) throws IOException {
        if (m.ignored()) {
            byte[] done = Tokens.doneOnly(Tokens.DONE_FINAL);
            writer.writeMessage(TdsMessage.REPLY, done, done.length);
            return;
        }
        Fault fault = backend.fault();
        if (fault.kind() == Fault.Kind.SLOW) {
            token.sleep(fault.millis());
            if (token.isCancelled()) {
                byte[] done = Tokens.doneOnly(Tokens.DONE_FINAL);
                writer.writeMessage(TdsMessage.REPLY, done, done.length);
                return;
            }
        }
        ResponseEncoder enc = new ResponseEncoder(backend.serverName());
        try {
            if (m.type() == TdsMessage.SQL_BATCH) {
                String sql = batchText(m.payload());
                if (!rpc.unprepareBatch(sql, enc)) {
                    BatchResult result = session.execute(sql, List.of(), token);
                    if (result.databaseChangedTo() != null) {
                        rpc.announceDatabase(enc, result.databaseChangedTo());
                    }
                    enc.encode(result, false, "");
                }
            } else {
                rpc.execute(m.payload(), enc, token);
            }
        } catch (TdsProtocolException e) {
            throw e;
        } catch (SqlError e) {
            // The engine should report SQL errors as messages; a thrown one is still the client's error, not ours.
            enc = new ResponseEncoder(backend.serverName());
            Tokens.message(enc.buffer(), true, e.number(), e.state(), e.severity(), String.valueOf(e.getMessage()),
                    backend.serverName(), "", e.line());
            enc.done(Tokens.DONE, Tokens.DONE_ERROR, Tokens.CMD_NONE, 0);
        } catch (RuntimeException e) {
            LOG.warn("{} spid {}: request failed inside the simulator", backend.serverName(), spid, e);
            enc = new ResponseEncoder(backend.serverName());
            Tokens.message(enc.buffer(), true, 50000, 1, 16, "Simulator internal error: " + e.getMessage(),
                    backend.serverName(), "", 1);
            enc.done(Tokens.DONE, Tokens.DONE_ERROR, Tokens.CMD_NONE, 0);
        }
        byte[] body = enc.finish();
        int cut = fault.kind() == Fault.Kind.DROP_CONNECTION ? enc.cutPointInsideFirstRows() : -1;
        writer.writeMessage(TdsMessage.REPLY, body, enc.length(), cut);
        if (cut >= 0) {
            closeSocket();
            throw new EOFException("connection dropped in the middle of a result (DROP_CONNECTION fault)");
        }
    }

    /** The SQL text of a batch: ALL_HEADERS (skipped), then UCS-2 to the end of the message. */
    static String batchText(byte[] payload) throws TdsProtocolException {
        PayloadReader r = new PayloadReader(payload);
        RpcHandler.skipAllHeaders(r);
        if (r.remaining() % 2 != 0) {
            throw new TdsProtocolException("SQL batch text has an odd byte count " + r.remaining());
        }
        return r.ucs2(r.remaining() / 2, "SQL batch text");
    }

    boolean isClosed() {
        return closed;
    }
}
