package io.mirrorguard.simulator.engine.mirroring;

import io.mirrorguard.simulator.engine.SimulatedFleet;
import io.mirrorguard.simulator.engine.SimulatedInstance;
import io.mirrorguard.simulator.engine.model.Database;
import io.mirrorguard.simulator.engine.model.MirroringConfig;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The live side of mirroring: which configured links are connected right now. Re-evaluated lazily (when a catalog
 * is read after any change or clock move), which models "the next reconnect" after a change that breaks a link.
 * A connected pair of instances has two transport connections, one opened by each side.
 */
public final class MirroringState {

    /** One transport connection as one side sees it. */
    public record Connection(UUID connectionId, UUID transportId, String peer, boolean accept, int algorithm,
                             int peerCertificateId, String principalName, LocalDateTime connectTime) {}

    /** A witness role this instance plays. */
    public record WitnessRole(String database, String principal, String mirror, int safety, int safetySequence,
                              int roleSequence, UUID guid, boolean suspended, boolean partnersConnected) {}

    private final SimulatedFleet fleet;
    private final LinkEvaluator evaluator;
    private long evaluatedAt = -1;
    private final Map<String, Boolean> partnerLinks = new HashMap<>();
    private final Map<String, Boolean> witnessLinks = new HashMap<>();
    private final Map<String, List<Connection>> connections = new HashMap<>();
    private final Map<String, List<WitnessRole>> witnessRoles = new HashMap<>();
    private final Map<String, Connection> stable = new HashMap<>();

    public MirroringState(SimulatedFleet fleet) {
        this.fleet = fleet;
        this.evaluator = new LinkEvaluator(fleet);
    }

    public LinkEvaluator evaluator() {
        return evaluator;
    }

    private static String k(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    /**
     * Recomputes link state if anything changed since the last evaluation. Availability-group replica links share the
     * endpoints and show up in sys.dm_db_mirroring_connections like mirroring links, so they are passed in (keyed
     * "OPENER>ACCEPTOR"). Caller holds the fleet lock.
     */
    public void refresh(long version, Map<String, LinkEvaluator.Result> replicaLinks) {
        if (version == evaluatedAt) return;
        evaluatedAt = version;
        partnerLinks.clear();
        witnessLinks.clear();
        connections.clear();
        witnessRoles.clear();
        Map<String, LinkEvaluator.Result> live = new HashMap<>();
        for (SimulatedInstance p : fleet.instances()) {
            for (Database d : p.state().databases.values()) {
                MirroringConfig m = d.mirroring;
                if (m == null || m.role != 1 || !m.established) continue;
                PartnerLink link = partnerLink(p, d);
                Optional<SimulatedInstance> mi = link.mirror();
                boolean up = link.up();
                if (up) {
                    live.put(pair(p, mi.get()), link.there());
                    live.put(pair(mi.get(), p), link.back());
                }
                partnerLinks.put(k(p.name()) + "|" + k(d.name), up);
                if (mi.isPresent()) partnerLinks.put(k(mi.get().name()) + "|" + k(d.name), up);
                if (m.witnessAddress != null) {
                    LinkEvaluator.Result pw = evaluator.witnessLink(p, m.witnessAddress);
                    LinkEvaluator.Result mw = mi.map(x -> evaluator.witnessLink(x, m.witnessAddress)).orElse(null);
                    witnessLinks.put(k(p.name()) + "|" + k(d.name), pw.ok());
                    if (mi.isPresent()) witnessLinks.put(k(mi.get().name()) + "|" + k(d.name), mw != null && mw.ok());
                    if (pw.ok()) {
                        live.put(pair(p, pw.peer()), pw);
                        live.put(pair(pw.peer(), p), evaluator.evaluate(pw.peer(), p, LinkEvaluator.Purpose.FROM_WITNESS));
                    }
                    if (mw != null && mw.ok()) {
                        live.put(pair(mi.get(), mw.peer()), mw);
                        live.put(pair(mw.peer(), mi.get()), evaluator.evaluate(mw.peer(), mi.get(), LinkEvaluator.Purpose.FROM_WITNESS));
                    }
                    MirroringAddress.parse(m.witnessAddress).flatMap(a -> fleet.lookup(a)).ifPresent(w ->
                        witnessRoles.computeIfAbsent(k(w.name()), x -> new ArrayList<>()).add(new WitnessRole(d.name, p.name(),
                            m.partnerInstance, m.safety, m.safetySequence, m.roleSequence, m.guid, m.suspended, partnerLinks.get(k(p.name()) + "|" + k(d.name)))));
                }
            }
        }
        replicaLinks.forEach(live::putIfAbsent);
        // each connected direction is one transport connection, seen by the opener (is_accept 0) and the acceptor
        Set<String> seen = new HashSet<>();
        for (var e : live.entrySet()) {
            String[] ends = e.getKey().split(">");
            LinkEvaluator.Result r = e.getValue();
            String opener = ends[0];
            String acceptor = ends[1];
            for (boolean accept : new boolean[] {false, true}) {
                String side = accept ? acceptor : opener;
                String id = side + "|" + e.getKey() + "|" + accept + "|" + r.algorithm() + "|" + r.localPeerCertId() + "|" + r.remotePeerCertId();
                seen.add(id);
                Connection c = stable.computeIfAbsent(id, x -> new Connection(UUID.randomUUID(), UUID.randomUUID(),
                    accept ? opener : acceptor, accept, r.algorithm(), accept ? r.remotePeerCertId() : r.localPeerCertId(),
                    accept ? r.remotePeerLogin() : r.localPeerLogin(), fleet.utcNow()));
                connections.computeIfAbsent(side, x -> new ArrayList<>()).add(c);
            }
        }
        stable.keySet().retainAll(seen);
    }

    /** A principal database's partner link, both directions as negotiated now ({@code there}/{@code back} null when not tried). */
    private record PartnerLink(SimulatedInstance principal, Optional<SimulatedInstance> mirror,
                               LinkEvaluator.Result there, LinkEvaluator.Result back) {
        boolean up() {
            return there != null && there.ok() && back.ok() && there.peer() == mirror.get() && back.peer() == principal;
        }
    }

    /** Principal {@code p}'s database {@code d} (role 1, established): each partner dials the other's address. */
    private PartnerLink partnerLink(SimulatedInstance p, Database d) {
        MirroringConfig m = d.mirroring;
        Optional<SimulatedInstance> mi = fleet.lookup(m.partnerInstance);
        Optional<Database> md = mi.flatMap(i -> i.state().database(d.name));
        if (mi.isEmpty() || md.isEmpty() || md.get().mirroring == null) return new PartnerLink(p, mi, null, null);
        LinkEvaluator.Result there = evaluator.evaluate(p, m.partnerAddress, LinkEvaluator.Purpose.PARTNER);
        LinkEvaluator.Result back = evaluator.evaluate(mi.get(), md.get().mirroring.partnerAddress, LinkEvaluator.Purpose.PARTNER);
        return new PartnerLink(p, mi, there, back);
    }

    /**
     * What {@link #connected} answers after a refresh, for the partner link of one principal database, evaluated now
     * without re-evaluating every other link of the fleet (statements that need one link's state, e.g. SET WITNESS).
     * False when {@code d} is not an established principal database of {@code p}.
     */
    public boolean principalConnectedNow(SimulatedInstance p, Database d) {
        MirroringConfig m = d.mirroring;
        if (m == null || m.role != 1 || !m.established) return false;
        return partnerLink(p, d).up();
    }

    private static String pair(SimulatedInstance a, SimulatedInstance b) {
        return k(a.name()) + ">" + k(b.name());
    }

    /** Whether the partner link of this database is connected (false when not mirrored). */
    public boolean connected(SimulatedInstance i, Database d) {
        return partnerLinks.getOrDefault(k(i.name()) + "|" + k(d.name), false);
    }

    public boolean witnessConnected(SimulatedInstance i, Database d) {
        return witnessLinks.getOrDefault(k(i.name()) + "|" + k(d.name), false);
    }

    public List<Connection> connectionsOf(SimulatedInstance i) {
        return connections.getOrDefault(k(i.name()), List.of());
    }

    public List<WitnessRole> witnessRolesOf(SimulatedInstance i) {
        return witnessRoles.getOrDefault(k(i.name()), List.of());
    }
}
