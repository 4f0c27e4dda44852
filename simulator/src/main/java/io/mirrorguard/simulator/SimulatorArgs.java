package io.mirrorguard.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line of {@link SimulatorMain}, parsed by hand (a handful of options). */
final class SimulatorArgs {

    static final String USAGE = """
            usage: java -jar mirrorguard-simulator.jar --scenario FILE.sql|classpath:NAME [options]
              --scenario FILE.sql|classpath:NAME  the sqlcmd-mode scenario to run (required)
              --now ISO-INSTANT                   simulated UTC clock at start (default: the real time)
              --sa-password PW                    sa password of every instance (default: MirrorGuard!Sa1)
              --inventory-out FILE                write the agent config there (secrets/ and trust store next to it)
              --base-port N                       instance i listens on N+i (default: free ports)
              --tls-keystore P12                  PKCS12 with the listeners' key (default: generated for localhost)
              --tls-password-file F               file holding that keystore's password (required with --tls-keystore)
              --key-pool N                        CREATE CERTIFICATE ... WITH SUBJECT takes its RSA key from N keys
                                                  used in turn instead of a fresh key each (load tests: fast setup of
                                                  large fleets; every N-th certificate shares a key). Default: fresh
              --seed S                            the pool's keys are derived from S (default 0): same S, same keys
              --help                              show this help
            Prints 'instance NAME listening on 127.0.0.1:PORT' per instance, the trust store path, then 'ready',
            and serves until SIGTERM. Exit codes: 0 stopped, 1 scenario or start failure, 2 usage error.""";

    private static final Set<String> WITH_VALUE = Set.of("--scenario", "--now", "--sa-password", "--inventory-out",
            "--base-port", "--tls-keystore", "--tls-password-file", "--key-pool", "--seed");

    /** A command line the simulator cannot run with; the message says what is wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** Null when {@code --help} was asked for. */
    static SimulatorOptions parse(List<String> args) throws UsageException {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) return null;
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (!WITH_VALUE.contains(name)) throw new UsageException("unknown option '" + name + "'");
            if (value == null) {
                if (i + 1 >= args.size()) throw new UsageException(name + " needs a value");
                value = args.get(++i);
            }
            if (values.put(name, value) != null) throw new UsageException(name + " given twice");
        }
        String scenario = values.get("--scenario");
        if (scenario == null || scenario.isBlank()) throw new UsageException("--scenario is required");

        SimulatorOptions o = SimulatorOptions.of(scenario);
        if (values.containsKey("--now")) {
            try {
                o = o.withNow(Instant.parse(values.get("--now")));
            } catch (DateTimeParseException e) {
                throw new UsageException("--now expects a UTC instant such as 2026-11-26T12:00:00Z, got '"
                        + values.get("--now") + "'");
            }
        }
        if (values.containsKey("--sa-password")) {
            String pw = values.get("--sa-password");
            if (pw.isEmpty()) throw new UsageException("--sa-password must not be empty");
            o = o.withSaPassword(pw);
        }
        if (values.containsKey("--inventory-out")) o = o.withInventoryOut(Path.of(values.get("--inventory-out")));
        if (values.containsKey("--base-port")) {
            int port;
            try {
                port = Integer.parseInt(values.get("--base-port"));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new UsageException("--base-port must be a port number 1..65535, got '"
                        + values.get("--base-port") + "'");
            }
            o = o.withBasePort(port);
        }
        if (values.containsKey("--seed") && !values.containsKey("--key-pool")) {
            throw new UsageException("--seed needs --key-pool (fresh keys have no seed)");
        }
        if (values.containsKey("--key-pool")) {
            int size;
            long seed;
            try {
                size = Integer.parseInt(values.get("--key-pool"));
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > 1_000_000) {
                throw new UsageException("--key-pool must be a number of keys 1..1000000, got '"
                        + values.get("--key-pool") + "'");
            }
            try {
                seed = Long.parseLong(values.getOrDefault("--seed", "0"));
            } catch (NumberFormatException e) {
                throw new UsageException("--seed must be an integer, got '" + values.get("--seed") + "'");
            }
            o = o.withKeyPool(size, seed);
        }
        String keystore = values.get("--tls-keystore");
        String passwordFile = values.get("--tls-password-file");
        if ((keystore == null) != (passwordFile == null)) {
            throw new UsageException("--tls-keystore and --tls-password-file go together");
        }
        if (keystore != null) {
            Path ks = Path.of(keystore);
            if (!Files.isReadable(ks)) throw new UsageException("--tls-keystore " + ks + " is not a readable file");
            o = o.withTlsKeystore(ks, readPassword(Path.of(passwordFile)));
        }
        return o;
    }

    /** The file's first line, without its line break. */
    private static char[] readPassword(Path file) throws UsageException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String first = text.lines().findFirst().orElse("");
            if (first.isEmpty()) throw new UsageException("--tls-password-file " + file + " is empty");
            return first.toCharArray();
        } catch (IOException e) {
            throw new UsageException("--tls-password-file " + file + " cannot be read: " + e.getMessage());
        }
    }
}
