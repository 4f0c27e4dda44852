package io.mirrorguard.simulator.tds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed input closes only the connection that sent it: random bytes, truncated and mutated packets, wrong
 * lengths. Deterministic seeds and bounded counts; afterwards no connection thread is left and the server answers.
 */
class TdsRobustnessTest {
    private static final FakeBackend BACKEND = new FakeBackend();
    private static TdsServer server;

    @BeforeAll
    static void start() {
        server = TdsServer.start(BACKEND, new InetSocketAddress("127.0.0.1", 0), TestTls.MATERIAL);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long connectionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("tds-" + server.port() + "-"))
                .count();
    }

    private static long workerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("tds-")).count();
    }

    /** Sends {@code bytes}, closes the sending side, and expects the server to hang up by itself. */
    private static void sendAndExpectClose(byte[] bytes) throws IOException {
        try (RawTdsClient c = new RawTdsClient(server.port())) {
            try {
                c.sendRaw(bytes);
                c.socket.shutdownOutput();
            } catch (IOException e) {
                return; // the server already hung up
            }
            assertThat(c.serverClosed(10_000)).as("server closed after %d bytes", bytes.length).isTrue();
        }
    }

    private static byte[] validLoginConversation() {
        byte[] pre = RawTdsClient.packet(0x12, 1, RawTdsClient.preloginPayload());
        byte[] login = RawTdsClient.packet(0x10, 1, RawTdsClient.login7Payload("sa", FakeBackend.PASSWORD, "", 4096));
        byte[] all = Arrays.copyOf(pre, pre.length + login.length);
        System.arraycopy(login, 0, all, pre.length, login.length);
        return all;
    }

    @Test
    void rawClientLogsInAndRunsABatch() throws IOException {
        try (RawTdsClient c = new RawTdsClient(server.port())) {
            byte[] resp = c.login("sa", FakeBackend.PASSWORD);
            assertThat(indexOf(resp, (byte) Tokens.LOGINACK)).isGreaterThanOrEqualTo(0);
            c.send(0x01, RawTdsClient.batchPayload("select 1"));
            byte[] rows = c.readMessage();
            assertThat(rows[0] & 0xFF).isEqualTo(Tokens.COLMETADATA);
            // An attention after the response has been sent still gets its own DONE(ATTN) message.
            c.sendRaw(RawTdsClient.packet(0x06, 1, new byte[0]));
            byte[] ack = c.readMessage();
            assertThat(ack).hasSize(13);
            assertThat(ack[0] & 0xFF).isEqualTo(Tokens.DONE);
            assertThat(ack[1] & Tokens.DONE_ATTN).isEqualTo(Tokens.DONE_ATTN);
        }
    }

    @Test
    void randomBytesCloseTheConnection() throws IOException {
        Random rnd = new Random(20261126L);
        for (int i = 0; i < 60; i++) {
            byte[] junk = new byte[1 + rnd.nextInt(3000)];
            rnd.nextBytes(junk);
            if (i % 3 == 0) {
                junk[0] = 0x12; // looks like PRELOGIN
            } else if (i % 3 == 1) {
                junk[0] = 0x16; // looks like a TLS record
            }
            sendAndExpectClose(junk);
        }
    }

    @Test
    void truncatedValidConversationsCloseTheConnection() throws IOException {
        byte[] valid = validLoginConversation();
        Random rnd = new Random(7L);
        for (int i = 0; i < 40; i++) {
            int cut = 1 + rnd.nextInt(valid.length - 1);
            sendAndExpectClose(Arrays.copyOf(valid, cut));
        }
    }

    @Test
    void mutatedLoginsAndWrongLengthsCloseOrFailCleanly() throws IOException {
        byte[] valid = validLoginConversation();
        Random rnd = new Random(42L);
        for (int i = 0; i < 80; i++) {
            byte[] m = valid.clone();
            int flips = 1 + rnd.nextInt(6);
            for (int f = 0; f < flips; f++) {
                m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
            }
            sendAndExpectClose(m);
        }
        for (int len : new int[] {0, 1, 7, 32768, 65535}) {
            byte[] p = RawTdsClient.packet(0x12, 1, RawTdsClient.preloginPayload());
            p[2] = (byte) (len >>> 8);
            p[3] = (byte) len;
            sendAndExpectClose(p);
        }
        // A PRELOGIN option pointing far outside the message.
        byte[] bad = RawTdsClient.preloginPayload();
        bad[1] = 0x7F;
        sendAndExpectClose(RawTdsClient.packet(0x12, 1, bad));
    }

    @Test
    void afterAbuseThreadsReturnToBaselineAndTheServerStillAnswers() throws Exception {
        // Only the wire layer's own threads count: other tests in this JVM start and end threads of their own.
        long baseline = workerThreads();
        Random rnd = new Random(99L);
        for (int i = 0; i < 30; i++) {
            byte[] junk = new byte[1 + rnd.nextInt(500)];
            rnd.nextBytes(junk);
            sendAndExpectClose(junk);
        }
        // Clients that vanish in the middle of a request.
        for (int i = 0; i < 10; i++) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write(new byte[] {0x12, 0x00, 0x10, 0x00});
            }
        }
        long deadline = System.nanoTime() + 15_000_000_000L;
        while ((connectionThreads() > 0 || server.liveConnections() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(server.liveConnections()).isZero();
        assertThat(connectionThreads()).isZero();
        // Idle pool threads expire after TdsThreads.KEEP_ALIVE_SECONDS.
        while (workerThreads() > baseline && System.nanoTime() < deadline + 10_000_000_000L) {
            Thread.sleep(100);
        }
        assertThat(workerThreads()).as("wire-layer threads back to baseline").isLessThanOrEqualTo(baseline);
        String url = "jdbc:sqlserver://127.0.0.1:" + server.port() + ";encrypt=false;user=sa;password="
                + FakeBackend.PASSWORD + ";loginTimeout=5";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1")) {
            assertThat(rs.next()).isTrue();
        }
        long sessionsDeadline = System.nanoTime() + 10_000_000_000L;
        while (BACKEND.openSessions.get() > 0 && System.nanoTime() < sessionsDeadline) {
            Thread.sleep(20);
        }
        assertThat(BACKEND.openSessions.get()).as("sessions closed with their connections").isZero();
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
