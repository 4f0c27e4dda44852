package io.mirrorguard.simulator.tds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FreeTDS {@code tsql} (Debian package freetds-bin) against the front end. Skipped when tsql is missing, except under
 * MIRRORGUARD_REQUIRE_TOOLS=true (set by .ci/run), where a missing tool is a failure.
 */
class FreeTdsTsqlTest {
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

    static Path findOnPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Runs tsql with {@code input} on stdin; returns stdout + stderr. */
    private static String tsql(String password, String input, String encryption) throws Exception {
        Path tsql = findOnPath("tsql");
        RequiredTools.require(tsql != null, "FreeTDS tsql (apt-get install -y freetds-bin)");
        Path conf = Files.createTempFile("freetds", ".conf");
        Files.writeString(conf, "[global]\n\ttds version = 7.4\n\tencryption = " + encryption + "\n");
        ProcessBuilder pb = new ProcessBuilder(List.of(tsql.toString(), "-H", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-U", FakeBackend.USER, "-P", password));
        pb.environment().put("FREETDSCONF", conf.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("tsql did not finish");
        }
        Files.deleteIfExists(conf);
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void tsqlRunsQueriesOverLoginOnlyTls() throws Exception {
        String out = tsql(FakeBackend.PASSWORD, "select 1 as x\ngo\nmulti\ngo\nexit\n", "request");
        assertThat(out).contains("x").contains("(1 row affected)").contains("one").contains("two")
                .contains("halfway there");
        assertThat(out).doesNotContain("Error");
    }

    @Test
    void tsqlWithRequiredEncryption() throws Exception {
        String out = tsql(FakeBackend.PASSWORD, "warn\ngo\nexit\n", "require");
        assertThat(out).contains("w").contains("7").contains("just so you know");
    }

    @Test
    void tsqlReportsTheLoginFailure() throws Exception {
        String out = tsql("wrong", "select 1\ngo\nexit\n", "request");
        assertThat(out).contains("18456").contains("Login failed for user 'sa'.");
    }

    @Test
    void tsqlShowsServerErrors() throws Exception {
        String out = tsql(FakeBackend.PASSWORD, "error\ngo\nselect 1\ngo\nexit\n", "off");
        assertThat(out).contains("Msg 208").contains("Invalid object name 'boom'.").contains("(1 row affected)");
    }

    static String readAll(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
