package io.mirrorguard.simulator;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to start a simulator.
 *
 * @param scenario            a scenario file path or {@code classpath:NAME}
 * @param now                 the simulated UTC clock at start; null means the real current time
 * @param saPassword          the sa password of every instance
 * @param inventoryOut        where to write the agent config (with secrets/ and the trust store next to it), or null
 * @param basePort            0 for free ports, else instance i (in order of first use) listens on basePort + i
 * @param tlsKeystore         a PKCS12 with the listeners' key and certificate, or null to generate one for localhost
 * @param tlsKeystorePassword the keystore's password (required with tlsKeystore)
 * @param info                receives PRINT/INFO messages of the scenario
 */
public record SimulatorOptions(String scenario, Instant now, String saPassword, Path inventoryOut, int basePort,
                               Path tlsKeystore, char[] tlsKeystorePassword, Consumer<String> info,
                               int keyPool, long keySeed) {

    public SimulatorOptions {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(saPassword, "saPassword");
        Objects.requireNonNull(info, "info");
        if (basePort < 0 || basePort > 65535) throw new IllegalArgumentException("basePort must be 0..65535");
        if (keyPool < 0) throw new IllegalArgumentException("keyPool must be >= 0 (0: a fresh key per certificate)");
        if ((tlsKeystore == null) != (tlsKeystorePassword == null)) {
            throw new IllegalArgumentException("tlsKeystore and tlsKeystorePassword go together");
        }
    }

    /** Defaults: real clock, sa password {@value SimulatorDefaults#SA_PASSWORD}, free ports, generated TLS. */
    public static SimulatorOptions of(String scenario) {
        return new SimulatorOptions(scenario, null, SimulatorDefaults.SA_PASSWORD, null, 0, null, null,
                System.err::println, 0, 0L);
    }

    public SimulatorOptions withNow(Instant value) {
        return new SimulatorOptions(scenario, value, saPassword, inventoryOut, basePort, tlsKeystore,
                tlsKeystorePassword, info, keyPool, keySeed);
    }

    public SimulatorOptions withSaPassword(String value) {
        return new SimulatorOptions(scenario, now, value, inventoryOut, basePort, tlsKeystore, tlsKeystorePassword,
                info, keyPool, keySeed);
    }

    public SimulatorOptions withInventoryOut(Path value) {
        return new SimulatorOptions(scenario, now, saPassword, value, basePort, tlsKeystore, tlsKeystorePassword,
                info, keyPool, keySeed);
    }

    public SimulatorOptions withBasePort(int value) {
        return new SimulatorOptions(scenario, now, saPassword, inventoryOut, value, tlsKeystore, tlsKeystorePassword,
                info, keyPool, keySeed);
    }

    public SimulatorOptions withTlsKeystore(Path keystore, char[] password) {
        return new SimulatorOptions(scenario, now, saPassword, inventoryOut, basePort, keystore, password, info,
                keyPool, keySeed);
    }

    public SimulatorOptions withInfo(Consumer<String> value) {
        return new SimulatorOptions(scenario, now, saPassword, inventoryOut, basePort, tlsKeystore,
                tlsKeystorePassword, value, keyPool, keySeed);
    }

    /**
     * Certificates created WITH SUBJECT take their keys from a pool of {@code size} keys derived from {@code seed}
     * (see KeySource) instead of a fresh key each: for setting up very large load-test fleets quickly.
     */
    public SimulatorOptions withKeyPool(int size, long seed) {
        return new SimulatorOptions(scenario, now, saPassword, inventoryOut, basePort, tlsKeystore,
                tlsKeystorePassword, info, size, seed);
    }

    @Override
    public String toString() {
        // Never print passwords.
        return "SimulatorOptions[scenario=" + scenario + ", now=" + now + ", inventoryOut=" + inventoryOut
                + ", basePort=" + basePort + ", tlsKeystore=" + tlsKeystore + ", keyPool=" + keyPool + "]";
    }
}
