package io.mirrorguard.simulator.tds;

import io.mirrorguard.simulator.api.Fault;
import io.mirrorguard.simulator.api.SqlBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TDS listener of one simulated SQL Server instance. Accepting happens on a process-wide selector thread and
 * connections run on a shared cached pool, so an idle server costs a socket and a few objects.
 */
public final class TdsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TdsServer.class);
    /** Connections beyond this are closed at once, so one misbehaving client cannot exhaust the process. */
    static final int MAX_CONNECTIONS = 256;

    private final SqlBackend backend;
    private final TlsMaterial tls;
    private final ServerSocketChannel listener;
    private final int port;
    private final Set<TdsConnection> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextSpid = new AtomicInteger(51);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object drained = new Object();

    private TdsServer(SqlBackend backend, TlsMaterial tls, ServerSocketChannel listener) throws IOException {
        this.backend = backend;
        this.tls = tls;
        this.listener = listener;
        this.port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    /**
     * Binds and starts serving {@code backend}. Port 0 picks a free port (see {@link #port()}). With {@code tls ==
     * null} the server answers every PRELOGIN with ENCRYPT_NOT_SUP, so clients that require TLS cannot connect.
     */
    public static TdsServer start(SqlBackend backend, InetSocketAddress bind, TlsMaterial tls) {
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open();
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(bind, 128);
            ch.configureBlocking(false);
            TdsServer server = new TdsServer(backend, tls, ch);
            AcceptLoop.shared().register(ch, server::onAccept);
            LOG.debug("TDS server for {} listening on {}", backend.serverName(), ch.getLocalAddress());
            return server;
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // reporting the bind failure matters more
                }
            }
            throw new UncheckedIOException("cannot listen on " + bind + " for " + backend.serverName() + ": "
                    + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    SqlBackend backend() {
        return backend;
    }

    TlsMaterial tls() {
        return tls;
    }

    int liveConnections() {
        return live.size();
    }

    private void onAccept(SocketChannel ch) {
        if (closed.get() || backend.fault().kind() == Fault.Kind.UNREACHABLE || live.size() >= MAX_CONNECTIONS) {
            abort(ch);
            return;
        }
        TdsConnection conn = new TdsConnection(this, ch, nextSpid());
        live.add(conn);
        try {
            TdsThreads.POOL.execute(conn);
        } catch (RuntimeException e) {
            live.remove(conn);
            abort(ch);
        }
    }

    private int nextSpid() {
        return nextSpid.getAndUpdate(s -> s >= 32000 ? 51 : s + 1);
    }

    /** Closes with a reset, as a host with nothing listening would. */
    private static void abort(SocketChannel ch) {
        try {
            ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    void connectionEnded(TdsConnection conn) {
        live.remove(conn);
        synchronized (drained) {
            drained.notifyAll();
        }
    }

    /** Stops accepting, closes live connections and waits (up to 5 s) for their threads; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        AcceptLoop.shared().unregister(listener);
        for (TdsConnection c : live) {
            c.closeSocket();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        synchronized (drained) {
            while (!live.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("{} connection(s) of {} still running after close", live.size(), backend.serverName());
                    break;
                }
                try {
                    drained.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "TdsServer[" + backend.serverName() + " on port " + port + "]";
    }
}
