package io.mirrorguard.simulator.tds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

class AcceptBackoffTest {

    @Test
    void a_paused_listener_with_a_pending_connection_is_not_selected_until_its_pause_ends() throws IOException {
        try (Selector selector = Selector.open(); ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            server.configureBlocking(false);
            SelectionKey key = server.register(selector, SelectionKey.OP_ACCEPT);
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
                assertThat(selector.select(5_000)).as("pending connection makes the listener ready").isEqualTo(1);
                selector.selectedKeys().clear();

                AcceptBackoff backoff = new AcceptBackoff();
                long t0 = 1_000L;
                backoff.pause(key, t0);
                // what the accept thread would spin on without the pause: the connection is still pending
                assertThat(selector.selectNow()).isZero();
                assertThat(backoff.selectTimeoutMillis(t0)).isEqualTo(AcceptBackoff.PAUSE_NANOS / 1_000_000);
                assertThat(backoff.selectTimeoutMillis(t0 + AcceptBackoff.PAUSE_NANOS - 10)).isEqualTo(1);

                backoff.resumeDue(t0 + AcceptBackoff.PAUSE_NANOS - 1);
                assertThat(backoff.isEmpty()).isFalse();
                assertThat(selector.selectNow()).isZero();

                backoff.resumeDue(t0 + AcceptBackoff.PAUSE_NANOS);
                assertThat(backoff.isEmpty()).isTrue();
                assertThat(backoff.selectTimeoutMillis(t0)).as("no limit once nothing is paused").isZero();
                assertThat(selector.selectNow()).isEqualTo(1);
                assertThat(server.accept()).isNotNull().satisfies(SocketChannel::close);
            }
        }
    }

    @Test
    void a_listener_closed_while_paused_is_dropped_quietly() throws IOException {
        try (Selector selector = Selector.open()) {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            server.configureBlocking(false);
            SelectionKey key = server.register(selector, SelectionKey.OP_ACCEPT);
            AcceptBackoff backoff = new AcceptBackoff();
            backoff.pause(key, 0);
            key.cancel();
            server.close();
            backoff.resumeDue(AcceptBackoff.PAUSE_NANOS);
            assertThat(backoff.isEmpty()).isTrue();
        }
    }
}
