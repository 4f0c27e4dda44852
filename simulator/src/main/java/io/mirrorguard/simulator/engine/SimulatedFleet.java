package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.engine.catalog.CatalogStore;
import io.mirrorguard.simulator.engine.hadr.HadrState;
import io.mirrorguard.simulator.engine.mirroring.LinkEvaluator;
import io.mirrorguard.simulator.engine.mirroring.MirroringAddress;
import io.mirrorguard.simulator.engine.mirroring.MirroringState;
import io.mirrorguard.simulator.engine.model.Database;
import io.mirrorguard.simulator.engine.security.KeySource;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A set of simulated SQL Server instances that can reach each other over simulated database mirroring endpoints,
 * with one simulated UTC clock and one file area for certificate and database backups.
 */
public final class SimulatedFleet implements AutoCloseable {

    private final Map<String, SimulatedInstance> instances = new LinkedHashMap<>();
    private final Path fileArea;
    private final String saPassword;
    private final CatalogStore store = new CatalogStore();
    private final MirroringState mirroring = new MirroringState(this);
    private final HadrState hadr = new HadrState(this, mirroring.evaluator());
    private final AtomicLong version = new AtomicLong(1);
    private volatile Instant now;
    private volatile KeySource keys = KeySource.fresh();

    public SimulatedFleet(Instant start, Path fileArea, String saPassword) {
        this.now = Objects.requireNonNull(start, "start");
        this.fileArea = Objects.requireNonNull(fileArea, "fileArea");
        this.saPassword = Objects.requireNonNull(saPassword, "saPassword");
    }

    /** The instance called {@code name}, created (with its system databases and logins) on first use. */
    public SimulatedInstance instance(String name) {
        store.lock().lock();
        try {
            return instances.computeIfAbsent(key(name), k -> {
                changed();
                return new SimulatedInstance(this, name, saPassword);
            });
        } finally {
            store.lock().unlock();
        }
    }

    public Optional<SimulatedInstance> find(String name) {
        store.lock().lock();
        try {
            return Optional.ofNullable(instances.get(key(name)));
        } finally {
            store.lock().unlock();
        }
    }

    /** Instances in creation order. */
    public List<SimulatedInstance> instances() {
        store.lock().lock();
        try {
            return List.copyOf(new ArrayList<>(instances.values()));
        } finally {
            store.lock().unlock();
        }
    }

    public Instant now() {
        return now;
    }

    /** Moves the simulated clock for every instance; certificate validity and link state follow on the next read. */
    public void setClock(Instant t) {
        store.lock().lock();
        try {
            now = Objects.requireNonNull(t);
            changed();
        } finally {
            store.lock().unlock();
        }
    }

    /** Where new certificates get their keys (fresh by default; a seeded pool for large load-test fleets). */
    public KeySource keys() {
        return keys;
    }

    public void useKeys(KeySource source) {
        this.keys = Objects.requireNonNull(source, "source");
    }

    public Path fileArea() {
        return fileArea;
    }

    /** The clock as SQL Server's UTC datetime values. */
    public LocalDateTime utcNow() {
        return LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    }

    CatalogStore store() {
        return store;
    }

    MirroringState mirroring() {
        refreshLinks();
        return mirroring;
    }

    /**
     * The link negotiation for statements that only try a connection (SET PARTNER, SET WITNESS): it reads the
     * instances' current state and nothing the link refresh computes, so it does not re-evaluate every link of the
     * fleet as {@link #mirroring()} does after each change (that made a fleet's set-up quadratic in its size).
     * Replica links and seeding are brought up to date first, as before.
     */
    LinkEvaluator linkEvaluator() {
        refreshReplicaLinks();
        return mirroring.evaluator();
    }

    /**
     * Whether the partner link of principal database {@code d} on {@code principal} is connected now: the same
     * decision {@link MirroringState#connected} reads after a refresh, for that one link only (SET WITNESS, FAILOVER).
     */
    boolean partnerConnected(SimulatedInstance principal, Database d) {
        refreshReplicaLinks();
        return mirroring.principalConnectedNow(principal, d);
    }

    HadrState hadr() {
        refreshLinks();
        return hadr;
    }

    /**
     * Brings replica links, automatic seeding and mirroring links up to date. Seeding creates databases, which moves
     * the version, so it repeats until nothing more is seeded (each round seeds at least one database or stops).
     */
    private void refreshLinks() {
        refreshReplicaLinks();
        mirroring.refresh(version.get(), hadr.liveLinks());
    }

    private void refreshReplicaLinks() {
        for (int round = 0; round < 16 && hadr.refresh(version.get()); round++) {
            if (!AutomaticSeeding.run(this, hadr)) break;
        }
    }

    /** Marks every materialised catalog and link evaluation stale. */
    void changed() {
        version.incrementAndGet();
    }

    long version() {
        return version.get();
    }

    /** Instance lookup used by address resolution, without taking the lock again. */
    public Optional<SimulatedInstance> lookup(String name) {
        return Optional.ofNullable(instances.get(key(name)));
    }

    /**
     * The instance a server network address reaches: the instance named like the host, else the one instance on that
     * machine (a named instance {@code HOST\\INST} lives on machine {@code HOST}), and when several share the machine,
     * the one whose DATABASE_MIRRORING endpoint listens on the address's port.
     */
    public Optional<SimulatedInstance> lookup(MirroringAddress address) {
        Optional<SimulatedInstance> exact = lookup(address.host());
        if (exact.isPresent()) return exact;
        List<SimulatedInstance> onMachine = instances.values().stream()
            .filter(i -> i.name().indexOf('\\') > 0
                && i.name().substring(0, i.name().indexOf('\\')).equalsIgnoreCase(address.host()))
            .toList();
        if (onMachine.size() == 1) return Optional.of(onMachine.get(0));
        return onMachine.stream()
            .filter(i -> i.state.mirroringEndpoint().map(e -> e.port == address.port()).orElse(false))
            .findFirst();
    }

    private static String key(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    @Override
    public void close() {
        store.close();
    }
}
