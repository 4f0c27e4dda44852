package io.mirrorguard.simulator;

import io.mirrorguard.simulator.engine.SimulatedFleet;
import io.mirrorguard.simulator.tds.TdsServer;
import io.mirrorguard.simulator.tds.TlsMaterial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A started simulator: its fleet, one listener per instance, and the trust store for the listeners' certificate. */
public final class SimulatorRun implements AutoCloseable {
    private final SimulatedFleet fleet;
    private final Map<String, TdsServer> servers;
    private final TlsMaterial tls;
    private final Path trustStore;
    private final String saPassword;
    private final List<Path> temporary;
    private boolean closed;

    SimulatorRun(SimulatedFleet fleet, Map<String, TdsServer> servers, TlsMaterial tls, Path trustStore,
                 String saPassword, List<Path> temporary) {
        this.fleet = fleet;
        this.servers = new LinkedHashMap<>(servers);
        this.tls = tls;
        this.trustStore = trustStore;
        this.saPassword = saPassword;
        this.temporary = List.copyOf(temporary);
    }

    public SimulatedFleet fleet() {
        return fleet;
    }

    /** Instance name to listening port on 127.0.0.1, in the order the scenario first used the instances. */
    public Map<String, Integer> ports() {
        Map<String, Integer> out = new LinkedHashMap<>();
        servers.forEach((name, server) -> out.put(name, server.port()));
        return out;
    }

    /** The port of one instance (name as the scenario spelled it, case-insensitive). */
    public int port(String instance) {
        for (Map.Entry<String, TdsServer> e : servers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(instance)) return e.getValue().port();
        }
        throw new IllegalArgumentException("no simulated instance '" + instance + "' (have " + servers.keySet() + ")");
    }

    /** The PKCS12 trust store holding the listeners' certificate (password {@link #trustStorePassword()}). */
    public Path trustStore() {
        return trustStore;
    }

    public String trustStorePassword() {
        return SimulatorDefaults.TRUST_STORE_PASSWORD;
    }

    public TlsMaterial tls() {
        return tls;
    }

    /**
     * Writes the agent config for this run to {@code configFile}, with its secrets under {@code secrets/} and the
     * trust store next to it.
     */
    public void writeInventory(Path configFile) throws IOException {
        writeInventory(configFile, InventoryWriter.DEFAULT_HTTP_PORT);
    }

    /** As {@link #writeInventory(Path)}, with {@code http.port} set to {@code httpPort}. */
    public synchronized void writeInventory(Path configFile, int httpPort) throws IOException {
        Path dir = configFile.toAbsolutePath().normalize().getParent();
        Files.createDirectories(dir);
        Path store = dir.resolve(SimulatorDefaults.TRUST_STORE_FILE);
        if (!store.equals(trustStore.toAbsolutePath().normalize())) {
            tls.writeTrustStore(store, SimulatorDefaults.TRUST_STORE_PASSWORD.toCharArray());
        }
        InventoryWriter.write(configFile, new InventoryWriter.Fleet(ports(), store, SimulatorDefaults.AUDIT_PASSWORD,
                saPassword, SimulatorDefaults.TRUST_STORE_PASSWORD, httpPort));
    }

    /** Closes every listener and removes the run's temporary files; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (TdsServer s : servers.values()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                System.err.println("closing a listener failed: " + e);
            }
        }
        fleet.close();
        temporary.forEach(SimulatorRun::deleteQuietly);
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp file left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
