package io.mirrorguard.simulator.tds;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single selector thread that accepts for every {@link TdsServer} in the process. The thread starts with the first
 * listener and ends when the last one is removed.
 */
final class AcceptLoop {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptLoop.class);
    private static final AcceptLoop INSTANCE = new AcceptLoop();

    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final AcceptBackoff backoff = new AcceptBackoff();
    private long lastFailureLog = System.nanoTime() - 2_000_000_000L;
    private Selector selector;
    private Thread thread;
    private int listeners;

    static AcceptLoop shared() {
        return INSTANCE;
    }

    /** Registers a bound, non-blocking listener; {@code onAccept} runs on the accept thread and must not block. */
    void register(ServerSocketChannel channel, Consumer<SocketChannel> onAccept) throws IOException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(() -> {
            try {
                channel.register(selector, SelectionKey.OP_ACCEPT, onAccept);
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, +1);
        try {
            done.join();
        } catch (RuntimeException e) {
            throw new IOException("cannot register listener: " + e.getMessage(), e.getCause());
        }
    }

    /** Deregisters and closes the listener; returns when the port is released. */
    void unregister(ServerSocketChannel channel) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(() -> {
            SelectionKey key = channel.keyFor(selector);
            if (key != null) {
                key.cancel();
            }
            try {
                selector.selectNow(); // flushes the cancelled key so that close() releases the port now
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing listener: {}", e.toString());
            }
            done.complete(null);
        }, -1);
        done.join();
    }

    private synchronized void submit(Runnable task, int listenerDelta) {
        try {
            if (thread == null) {
                selector = Selector.open();
                Selector sel = selector;
                thread = new Thread(() -> run(sel), "tds-accept");
                thread.setDaemon(true);
                thread.start();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector", e);
        }
        listeners += listenerDelta;
        tasks.add(task);
        selector.wakeup();
    }

    private void run(Selector sel) {
        try {
            while (true) {
                synchronized (this) {
                    Runnable t;
                    while ((t = tasks.poll()) != null) {
                        t.run();
                    }
                    if (listeners <= 0) {
                        thread = null;
                        selector = null;
                        sel.close();
                        return;
                    }
                }
                if (backoff.isEmpty()) {
                    sel.select();
                } else {
                    sel.select(backoff.selectTimeoutMillis(System.nanoTime()));
                    backoff.resumeDue(System.nanoTime());
                }
                for (SelectionKey key : sel.selectedKeys()) {
                    if (key.isValid() && key.isAcceptable()) {
                        IOException failed = accept(key);
                        if (failed != null) {
                            paused(key, failed);
                        }
                    }
                }
                sel.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.error("TDS accept loop stopped: {}", e.toString());
        }
    }

    private void paused(SelectionKey key, IOException failed) {
        long now = System.nanoTime();
        backoff.pause(key, now);
        if (now - lastFailureLog > 1_000_000_000L) {
            lastFailureLog = now;
            LOG.warn("accept failed on {} ({}); that listener waits {} ms before accepting again",
                    key.channel(), failed.toString(), AcceptBackoff.PAUSE_NANOS / 1_000_000);
        }
    }

    /** Accepts what is pending; returns the failure that stopped it, if any. */
    @SuppressWarnings("unchecked")
    private static IOException accept(SelectionKey key) {
        ServerSocketChannel server = (ServerSocketChannel) key.channel();
        Consumer<SocketChannel> onAccept = (Consumer<SocketChannel>) key.attachment();
        for (int i = 0; i < 64; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                return e;
            }
            if (ch == null) {
                return null;
            }
            try {
                onAccept.accept(ch);
            } catch (RuntimeException e) {
                LOG.warn("dropping a connection: {}", e.toString());
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }
        return null;
    }
}
