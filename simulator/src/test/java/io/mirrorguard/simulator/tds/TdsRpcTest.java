package io.mirrorguard.simulator.tds;

import static io.mirrorguard.simulator.tds.RawTdsClient.intParam;
import static io.mirrorguard.simulator.tds.RawTdsClient.nvarcharParam;
import static io.mirrorguard.simulator.tds.RawTdsClient.rpcPayload;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RPC handling at the byte level: prepared-handle bookkeeping by id and by name, other procedures, packet size. */
class TdsRpcTest {
    private static final byte[] DONEPROC_FINAL = {(byte) 0xFE, 0, 0, (byte) 0xE0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private final FakeBackend backend = new FakeBackend();
    private TdsServer server;

    @BeforeEach
    void start() {
        server = TdsServer.start(backend, new InetSocketAddress("127.0.0.1", 0), null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] ucs2(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    /** RETURNVALUE of an INTN(4) handle, as its value bytes appear at the end of the token. */
    private static byte[] handleValue(int h) {
        return new byte[] {0x26, 4, 4, (byte) h, 0, 0, 0};
    }

    @Test
    void prepareExecuteUnprepareByIdAndByName() throws IOException {
        try (RawTdsClient c = new RawTdsClient(server.port())) {
            c.login("sa", FakeBackend.PASSWORD);
            c.send(0x03, rpcPayload(null, RpcHandler.SP_PREPARE, intParam("@handle", null, true),
                    nvarcharParam("@params", "@a int,@b nvarchar(10)"), nvarcharParam("@stmt", "echo @a, @b")));
            byte[] prep = c.readMessage();
            assertThat(prep[0] & 0xFF).isEqualTo(Tokens.RETURNSTATUS);
            assertThat(contains(prep, handleValue(1))).isTrue();
            assertThat(Arrays.copyOfRange(prep, prep.length - 13, prep.length)).containsExactly(DONEPROC_FINAL);

            c.send(0x03, rpcPayload("sp_execute", 0, intParam("", 1, false), intParam("", 42, false),
                    nvarcharParam("", "hi")));
            byte[] exec = c.readMessage();
            assertThat(exec[0] & 0xFF).isEqualTo(Tokens.COLMETADATA);
            assertThat(contains(exec, ucs2("hi"))).isTrue();
            FakeBackend.Executed last = backend.executed.stream().reduce((a, b) -> b).orElseThrow();
            assertThat(last.sql()).isEqualTo("echo @a, @b");
            assertThat(last.params()).extracting(p -> p.name() + "=" + p.value()).containsExactly("@a=42", "@b=hi");

            c.send(0x03, rpcPayload("sys.sp_unprepare", 0, intParam("", 1, false)));
            byte[] unprep = c.readMessage();
            assertThat(Arrays.copyOfRange(unprep, unprep.length - 13, unprep.length)).containsExactly(DONEPROC_FINAL);

            c.send(0x03, rpcPayload(null, RpcHandler.SP_EXECUTE, intParam("", 1, false)));
            byte[] missing = c.readMessage();
            assertThat(missing[0] & 0xFF).isEqualTo(Tokens.ERROR);
            assertThat(contains(missing, ucs2("Could not find prepared statement with handle 1."))).isTrue();
        }
    }

    @Test
    void prepexecReturnsTheHandleAfterTheResultsAndUnprepareBatchesStayInTheWireLayer() throws IOException {
        try (RawTdsClient c = new RawTdsClient(server.port())) {
            c.login("sa", FakeBackend.PASSWORD);
            for (int i = 1; i <= 2; i++) {
                c.send(0x03, rpcPayload(null, RpcHandler.SP_PREPEXEC, intParam("", null, true),
                        nvarcharParam("", "@P0 int"), nvarcharParam("", "echo @P0"), intParam("", 7, false)));
                byte[] r = c.readMessage();
                assertThat(r[0] & 0xFF).isEqualTo(Tokens.COLMETADATA);
                assertThat(contains(r, handleValue(i))).isTrue();
            }
            int before = backend.executed.size();
            c.send(0x01, RawTdsClient.batchPayload("EXEC sp_unprepare 1;EXEC sp_unprepare 2;"));
            byte[] r = c.readMessage();
            assertThat(r[r.length - 13] & 0xFF).isEqualTo(Tokens.DONE);
            assertThat(r[r.length - 12] & Tokens.DONE_MORE).isZero();
            assertThat(backend.executed).hasSize(before);
            c.send(0x03, rpcPayload(null, RpcHandler.SP_EXECUTE, intParam("", 2, false), intParam("", 1, false)));
            assertThat(c.readMessage()[0] & 0xFF).isEqualTo(Tokens.ERROR);
        }
    }

    @Test
    void otherProceduresRunAsExecWithNamedParameters() throws IOException {
        try (RawTdsClient c = new RawTdsClient(server.port())) {
            c.login("sa", FakeBackend.PASSWORD);
            c.send(0x03, rpcPayload("dbo.check_endpoint]x", 0, intParam("@port", 5022, false),
                    nvarcharParam("@name", "Mirroring")));
            byte[] r = c.readMessage();
            assertThat(Arrays.copyOfRange(r, r.length - 13, r.length)).containsExactly(DONEPROC_FINAL);
            FakeBackend.Executed last = backend.executed.stream().reduce((a, b) -> b).orElseThrow();
            assertThat(last.sql()).isEqualTo("EXEC [dbo].[check_endpoint]]x] @port = @port, @name = @name");
            assertThat(last.params()).extracting(p -> p.name()).containsExactly("@port", "@name");
        }
    }

    @Test
    void negotiatedPacketSizeIsAnnouncedAndUsed() throws IOException {
        try (RawTdsClient c = new RawTdsClient(server.port())) {
            byte[] login = c.login("sa", FakeBackend.PASSWORD, 32767);
            assertThat(contains(login, ucs2("32767"))).isTrue();
            assertThat(c.lastMaxPacket).isLessThanOrEqualTo(4096);
            c.send(0x01, RawTdsClient.batchPayload("big"));
            c.readMessage();
            assertThat(c.lastMaxPacket).isGreaterThan(16384).isLessThanOrEqualTo(32767);
        }
    }

    @Test
    void packetSizeZeroMeansTheServerDefault() throws IOException {
        try (RawTdsClient c = new RawTdsClient(server.port())) {
            byte[] login = c.login("sa", FakeBackend.PASSWORD, 0);
            assertThat(contains(login, ucs2("4096"))).isTrue();
            c.send(0x01, RawTdsClient.batchPayload("big"));
            c.readMessage();
            assertThat(c.lastMaxPacket).isEqualTo(4096);
        }
    }
}
