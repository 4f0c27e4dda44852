package io.mirrorguard.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorArgsTest {

    @TempDir
    Path dir;

    @Test
    void defaults() throws Exception {
        SimulatorOptions o = SimulatorArgs.parse(List.of("--scenario", "classpath:faults"));
        assertThat(o.scenario()).isEqualTo("classpath:faults");
        assertThat(o.now()).isNull();
        assertThat(o.saPassword()).isEqualTo("MirrorGuard!Sa1");
        assertThat(o.inventoryOut()).isNull();
        assertThat(o.basePort()).isZero();
        assertThat(o.tlsKeystore()).isNull();
    }

    @Test
    void everyOption() throws Exception {
        Path ks = Files.writeString(dir.resolve("k.p12"), "x");
        Path pw = Files.writeString(dir.resolve("pw"), "s3cret\nignored\n");
        SimulatorOptions o = SimulatorArgs.parse(List.of("--scenario=a.sql", "--now", "2027-01-05T00:00:00Z",
                "--sa-password", "Other!Pw1", "--inventory-out", "out/mg.yml", "--base-port", "14330",
                "--tls-keystore", ks.toString(), "--tls-password-file", pw.toString()));
        assertThat(o.scenario()).isEqualTo("a.sql");
        assertThat(o.now()).isEqualTo(Instant.parse("2027-01-05T00:00:00Z"));
        assertThat(o.saPassword()).isEqualTo("Other!Pw1");
        assertThat(o.inventoryOut()).isEqualTo(Path.of("out/mg.yml"));
        assertThat(o.basePort()).isEqualTo(14330);
        assertThat(o.tlsKeystore()).isEqualTo(ks);
        assertThat(new String(o.tlsKeystorePassword())).isEqualTo("s3cret");
        assertThat(o.toString()).doesNotContain("Other!Pw1").doesNotContain("s3cret");
    }

    @Test
    void keyPoolAndSeed() throws Exception {
        SimulatorOptions none = SimulatorArgs.parse(List.of("--scenario", "x"));
        assertThat(none.keyPool()).as("fresh keys by default").isZero();
        SimulatorOptions o = SimulatorArgs.parse(List.of("--scenario", "x", "--key-pool", "16", "--seed", "7"));
        assertThat(o.keyPool()).isEqualTo(16);
        assertThat(o.keySeed()).isEqualTo(7);
        assertThat(SimulatorArgs.parse(List.of("--scenario", "x", "--key-pool=4")).keySeed()).isZero();
        assertThatThrownBy(() -> SimulatorArgs.parse(List.of("--scenario", "x", "--key-pool", "0")))
                .hasMessageContaining("--key-pool");
        assertThatThrownBy(() -> SimulatorArgs.parse(List.of("--scenario", "x", "--key-pool", "2", "--seed", "y")))
                .hasMessageContaining("--seed");
        assertThatThrownBy(() -> SimulatorArgs.parse(List.of("--scenario", "x", "--seed", "3")))
                .hasMessageContaining("--seed needs --key-pool");
    }

    @Test
    void helpReturnsNoOptions() throws Exception {
        assertThat(SimulatorArgs.parse(List.of("--scenario", "x", "--help"))).isNull();
    }

    @Test
    void usageErrorsSayWhatIsWrong() throws IOException {
        assertUsage(List.of(), "--scenario is required");
        assertUsage(List.of("--scenario"), "--scenario needs a value");
        assertUsage(List.of("--scenario", "a", "--frobnicate", "1"), "unknown option '--frobnicate'");
        assertUsage(List.of("--scenario", "a", "--scenario", "b"), "--scenario given twice");
        assertUsage(List.of("--scenario", "a", "--now", "yesterday"),
                "--now expects a UTC instant such as 2026-11-26T12:00:00Z, got 'yesterday'");
        assertUsage(List.of("--scenario", "a", "--base-port", "70000"),
                "--base-port must be a port number 1..65535, got '70000'");
        assertUsage(List.of("--scenario", "a", "--sa-password", ""), "--sa-password must not be empty");
        assertUsage(List.of("--scenario", "a", "--tls-keystore", "k.p12"),
                "--tls-keystore and --tls-password-file go together");
        Path pw = Files.writeString(dir.resolve("pw"), "x");
        assertUsage(List.of("--scenario", "a", "--tls-keystore", dir.resolve("none.p12").toString(),
                "--tls-password-file", pw.toString()), "is not a readable file");
        Path ks = Files.writeString(dir.resolve("k.p12"), "x");
        Path empty = Files.writeString(dir.resolve("empty"), "");
        assertUsage(List.of("--scenario", "a", "--tls-keystore", ks.toString(), "--tls-password-file",
                empty.toString()), "is empty");
    }

    private static void assertUsage(List<String> args, String message) {
        assertThatThrownBy(() -> SimulatorArgs.parse(args)).isInstanceOf(SimulatorArgs.UsageException.class)
                .hasMessageContaining(message);
    }
}
