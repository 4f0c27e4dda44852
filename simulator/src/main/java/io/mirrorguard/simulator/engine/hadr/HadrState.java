package io.mirrorguard.simulator.engine.hadr;

import io.mirrorguard.simulator.engine.SimulatedFleet;
import io.mirrorguard.simulator.engine.SimulatedInstance;
import io.mirrorguard.simulator.engine.mirroring.LinkEvaluator;
import io.mirrorguard.simulator.engine.model.AvailabilityGroup;
import io.mirrorguard.simulator.engine.model.AvailabilityGroup.Replica;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The availability groups of a fleet and which of their replica links are connected right now. A group's configuration
 * is shared by its replicas (the cluster store, or the copy the primary pushes to joined replicas). Links run between
 * the primary and each secondary (for a distributed group: between the global primary and the forwarder), each side
 * dialing the other's ENDPOINT_URL (LISTENER_URL), and are decided by the same {@link LinkEvaluator} as database
 * mirroring sessions. Re-evaluated lazily, like {@link io.mirrorguard.simulator.engine.mirroring.MirroringState}.
 */
public final class HadrState {

    /** The error a side of a broken link records (last_connect_error_*). */
    public record ConnectError(int number, String description, LocalDateTime timestamp) {}

    /**
     * @param connected      both directions authenticated
     * @param primarySide    the error the primary records for this secondary, null while connected or never attempted
     * @param secondarySide  the error the secondary records for the primary
     */
    public record LinkState(boolean connected, ConnectError primarySide, ConnectError secondarySide) {
        static final LinkState NOT_JOINED = new LinkState(false, null, null);
    }

    private final SimulatedFleet fleet;
    private final LinkEvaluator evaluator;
    private final Map<UUID, AvailabilityGroup> groups = new LinkedHashMap<>();
    private long evaluatedAt = -1;
    private final Map<String, LinkState> links = new HashMap<>();
    private final Map<String, LinkEvaluator.Result> live = new HashMap<>();
    /** When each failure was first seen, so last_connect_error_timestamp stays put while the cause does. */
    private final Map<String, LocalDateTime> failingSince = new HashMap<>();

    public HadrState(SimulatedFleet fleet, LinkEvaluator evaluator) {
        this.fleet = fleet;
        this.evaluator = evaluator;
    }

    public Collection<AvailabilityGroup> groups() {
        return groups.values();
    }

    public Optional<AvailabilityGroup> group(String name) {
        return groups.values().stream().filter(g -> g.name.equalsIgnoreCase(name)).findFirst();
    }

    public void add(AvailabilityGroup g) {
        groups.put(g.id, g);
    }

    public void remove(AvailabilityGroup g) {
        groups.remove(g.id);
    }

    /**
     * The instance a replica lives on: the instance named like the replica, or for a member group of a distributed
     * group the instance hosting that group's primary replica.
     */
    public Optional<SimulatedInstance> host(AvailabilityGroup g, Replica r) {
        if (!g.distributed) return fleet.lookup(r.serverName);
        return group(r.serverName).flatMap(m -> m.primaryReplica().flatMap(p -> fleet.lookup(p.serverName)));
    }

    /** The replica of {@code g} that {@code i} hosts, if any (joined or not). */
    public Optional<Replica> localReplica(AvailabilityGroup g, SimulatedInstance i) {
        return g.replicas.values().stream().filter(r -> host(g, r).map(h -> h == i).orElse(false)).findFirst();
    }

    /** The groups an instance knows: those where it hosts a joined replica (a joined member group's primary). */
    public List<AvailabilityGroup> hostedBy(SimulatedInstance i) {
        List<AvailabilityGroup> out = new ArrayList<>();
        for (AvailabilityGroup g : groups.values()) {
            if (localReplica(g, i).map(r -> r.joined).orElse(false)) out.add(g);
        }
        return out;
    }

    public boolean isPrimary(AvailabilityGroup g, SimulatedInstance i) {
        return localReplica(g, i).map(r -> r.is(g.primary)).orElse(false);
    }

    /** Recomputes link state if anything changed since the last evaluation; true when it did. Caller holds the fleet lock. */
    public boolean refresh(long version) {
        if (version == evaluatedAt) return false;
        evaluatedAt = version;
        links.clear();
        live.clear();
        Set<String> failing = new HashSet<>();
        for (AvailabilityGroup g : groups.values()) {
            Optional<Replica> p = g.primaryReplica();
            if (p.isEmpty()) continue;
            Optional<SimulatedInstance> pi = host(g, p.get());
            for (Replica r : g.replicas.values()) {
                if (r == p.get()) continue;
                LinkState st = evaluate(g, p.get(), pi, r, failing);
                links.put(key(g, r), st);
            }
        }
        failingSince.keySet().retainAll(failing);
        return true;
    }

    private LinkState evaluate(AvailabilityGroup g, Replica p, Optional<SimulatedInstance> pi, Replica r, Set<String> failing) {
        if (!r.joined || pi.isEmpty()) return LinkState.NOT_JOINED;
        Optional<SimulatedInstance> ri = host(g, r);
        LinkEvaluator.Result there = evaluator.evaluate(pi.get(), r.endpointUrl, LinkEvaluator.Purpose.PARTNER);
        boolean thereOk = there.ok() && ri.isPresent() && there.peer() == ri.get();
        LinkEvaluator.Result back = ri.map(x -> evaluator.evaluate(x, p.endpointUrl, LinkEvaluator.Purpose.PARTNER)).orElse(null);
        boolean backOk = back != null && back.ok() && back.peer() == pi.get();
        if (thereOk && backOk) {
            live.put(pair(pi.get(), ri.get()), there);
            live.put(pair(ri.get(), pi.get()), back);
            return new LinkState(true, null, null);
        }
        ConnectError atPrimary = error(g, p, r, thereOk ? back.cause() : there.cause(), failing);
        ConnectError atSecondary = ri.isEmpty() ? null : error(g, r, p, backOk ? there.cause() : back.cause(), failing);
        return new LinkState(false, atPrimary, atSecondary);
    }

    /**
     * What {@code self} records about {@code other}: 35204 when its own endpoint is stopped or missing, else the
     * connection timeout 35201 (a failed handshake is logged only by the side that rejected it, as error 9642/9666 in its
     * error log; the dialing side sees the connection time out).
     */
    private ConnectError error(AvailabilityGroup g, Replica self, Replica other, LinkEvaluator.Cause cause, Set<String> failing) {
        String id = g.id + "|" + self.id + "|" + other.id + "|" + cause;
        failing.add(id);
        LocalDateTime since = failingSince.computeIfAbsent(id, k -> fleet.utcNow());
        String otherId = other.id.toString().toUpperCase(Locale.ROOT);
        if (cause == LinkEvaluator.Cause.LOCAL_ENDPOINT_NOT_STARTED || cause == LinkEvaluator.Cause.NO_LOCAL_ENDPOINT) {
            return new ConnectError(35204, "The connection between server instances '" + self.serverName + "' with id ["
                + self.id.toString().toUpperCase(Locale.ROOT) + "] and '" + other.serverName + "' with id [" + otherId
                + "] has been disabled because the database mirroring endpoint was either disabled or stopped. Restart the"
                + " endpoint by using the ALTER ENDPOINT Transact-SQL statement with STATE = STARTED.", since);
        }
        return new ConnectError(35201, "A connection timeout has occurred while attempting to establish a connection to"
            + " availability replica '" + other.serverName + "' with id [" + otherId + "]. Either a networking or firewall"
            + " issue exists, or the endpoint address provided for the replica is not the database mirroring endpoint of the"
            + " host server instance.", since);
    }

    /** The link between the group's primary and secondary {@code r}; NOT_JOINED for the primary itself or unknown replicas. */
    public LinkState link(AvailabilityGroup g, Replica r) {
        return links.getOrDefault(key(g, r), LinkState.NOT_JOINED);
    }

    /** Connected replica links as transport connections, keyed "OPENER>ACCEPTOR" like the mirroring links. */
    public Map<String, LinkEvaluator.Result> liveLinks() {
        return live;
    }

    private static String key(AvailabilityGroup g, Replica r) {
        return g.id + "|" + r.id;
    }

    private static String pair(SimulatedInstance a, SimulatedInstance b) {
        return a.name().toUpperCase(Locale.ROOT) + ">" + b.name().toUpperCase(Locale.ROOT);
    }
}
