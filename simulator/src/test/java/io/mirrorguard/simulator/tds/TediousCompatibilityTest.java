package io.mirrorguard.simulator.tds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Node driver tedious (src/test/node, installed by its install.sh) with certificate validation against the
 * simulator's PEM. Skipped without node or node_modules, except under MIRRORGUARD_REQUIRE_TOOLS=true (set by .ci/run), where that is a failure.
 */
class TediousCompatibilityTest {
    private static final Path NODE_DIR = Path.of("src", "test", "node").toAbsolutePath();
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

    private record Run(int exit, String stdout) {}

    private static Run runNode(String encrypt, String password, String sql) throws Exception {
        return runNode(encrypt, password, sql, "[]");
    }

    private static Run runNode(String encrypt, String password, String sql, String params) throws Exception {
        Path node = FreeTdsTsqlTest.findOnPath("node");
        RequiredTools.require(node != null, "node");
        RequiredTools.require(Files.isDirectory(NODE_DIR.resolve("node_modules").resolve("tedious")),
                "tedious in " + NODE_DIR + "/node_modules (run simulator/src/test/node/install.sh)");
        ProcessBuilder pb = new ProcessBuilder(List.of(node.toString(), "tedious-check.js",
                Integer.toString(server.port()), TestTls.PEM.toString(), FakeBackend.USER, password, encrypt, sql, params))
                .directory(NODE_DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("node did not finish");
        }
        return new Run(p.exitValue(), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "strict", "false"})
    void tediousQueriesOverValidatedTls(String encrypt) throws Exception {
        Run run = runNode(encrypt, FakeBackend.PASSWORD, "multi");
        assertThat(run.exit()).as(run.stdout()).isZero();
        assertThat(run.stdout()).contains("\"rows\":[[1],[\"one\"],[\"two\"]]")
                .contains("\"message\":\"halfway there\"")
                .contains("\"rowCount\":6");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false"})
    void tediousSendsParametersThroughSpExecutesqlByName(String encrypt) throws Exception {
        Run run = runNode(encrypt, FakeBackend.PASSWORD, "echo @id, @name, @flag",
                "[{\"name\":\"id\",\"type\":\"Int\",\"value\":5},"
                        + "{\"name\":\"name\",\"type\":\"NVarChar\",\"value\":\"abc\"},"
                        + "{\"name\":\"flag\",\"type\":\"Bit\",\"value\":true}]");
        assertThat(run.exit()).as(run.stdout()).isZero();
        assertThat(run.stdout()).contains("\"columns\":[\"id\",\"name\",\"flag\"]")
                .contains("\"rows\":[[5,\"abc\",true]]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true"})
    void tediousReadsEveryType(String encrypt) throws Exception {
        Run run = runNode(encrypt, FakeBackend.PASSWORD, "all types");
        assertThat(run.exit()).as(run.stdout()).isZero();
        assertThat(run.stdout()).contains("[true,255,-32768,-2147483648,\"9223372036854775807\"")
                .contains("\"2026-11-26T13:45:30.123Z\"")
                .contains("\"6F9619FF-8B86-D011-B42D-00C04FC964FF\"")
                .contains("\"café\"")
                .contains("\"mirroring_endpoint\"")
                .contains("\"dead\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true"})
    void tediousSeesLoginFailureAndServerErrors(String encrypt) throws Exception {
        Run bad = runNode(encrypt, "wrong", "select 1");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.stdout()).contains("Login failed for user 'sa'.").contains("ELOGIN");
        Run err = runNode(encrypt, FakeBackend.PASSWORD, "error");
        assertThat(err.stdout()).contains("\"number\":208").contains("Invalid object name 'boom'.");
    }
}
