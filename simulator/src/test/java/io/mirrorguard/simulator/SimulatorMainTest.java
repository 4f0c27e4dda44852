package io.mirrorguard.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorMainTest {

    private static final Pattern LISTENING = Pattern.compile("instance (\\S+) listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private SimulatorMain.Outcome start(String... args) {
        return SimulatorMain.start(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsOneLinePerInstanceThenTheTrustStoreThenReady() {
        SimulatorMain.Outcome o = start("--scenario", "classpath:procedure-two-partners-witness");
        try (SimulatorRun run = o.run()) {
            assertThat(run).isNotNull();
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).hasSize(5);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Matcher m = LISTENING.matcher(lines.get(i));
                assertThat(m.matches()).as(lines.get(i)).isTrue();
                names.add(m.group(1));
                assertThat(Integer.parseInt(m.group(2))).isEqualTo(run.port(m.group(1)));
            }
            assertThat(names).containsExactly("SQLA", "SQLB", "SQLW");
            assertThat(lines.get(3)).isEqualTo("trust store " + run.trustStore().toAbsolutePath());
            assertThat(lines.get(4)).isEqualTo("ready");
        }
    }

    @Test
    void usageErrorsExitWith2AndScenarioErrorsWith1() throws Exception {
        SimulatorMain.Outcome usage = start("--scenario", "x.sql", "--base-port", "zero");
        assertThat(usage.run()).isNull();
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: --base-port must be a port number")
                .contains("usage: java -jar mirrorguard-simulator.jar");

        err.reset();
        Path bad = dir.resolve("bad.sql");
        Files.writeString(bad, ":CONNECT SQLA\nSELECT $(Missing)\n");
        SimulatorMain.Outcome failed = start("--scenario", bad.toString());
        assertThat(failed.run()).isNull();
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo(bad + ":2: variable 'Missing' is not defined (use :setvar Missing value before this line)");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void sigtermClosesTheListenersAndExitsZero() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SimulatorMain.class.getName(), "--scenario", "classpath:procedure-two-partners-witness")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            List<Integer> ports = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null && !line.equals("ready")) {
                Matcher m = LISTENING.matcher(line);
                if (m.matches()) ports.add(Integer.parseInt(m.group(2)));
            }
            assertThat(line).isEqualTo("ready");
            assertThat(ports).hasSize(3);

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            for (int port : ports) SimulatorTest.assertRefused(port);
        } finally {
            p.destroyForcibly();
        }
    }
}
