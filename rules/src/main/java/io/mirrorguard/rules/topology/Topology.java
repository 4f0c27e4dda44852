package io.mirrorguard.rules.topology;

import io.mirrorguard.rules.model.AvailabilityGroup;
import io.mirrorguard.rules.model.AvailabilityReplica;
import io.mirrorguard.rules.model.DeclaredLink;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.LinkRole;
import io.mirrorguard.rules.model.MirroredDatabase;
import io.mirrorguard.rules.model.WitnessRole;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Who must talk to whom: links, mirroring sessions, the addresses they came from and the topology members.
 * Built once per evaluation in time linear in the fleet.
 */
public final class Topology {

    /** Ordered pair L <- R: L must trust R. */
    public record Direction(String trusting, String trusted) {
        @Override
        public String toString() {
            return trusting + "<-" + trusted;
        }
    }

    private final List<Link> links;
    private final List<MirroringSession> sessions;
    private final List<AddressReference> addresses;
    private final Map<String, List<AddressReference>> addressesByReporter;
    private final Map<String, EnumSet<LinkRole>> rolesByInstance;
    private final Map<String, Set<String>> peersByInstance;
    private final Map<String, List<Link>> linksByInstance;
    private final Map<String, List<MirroringSession>> sessionsByInstance;
    private final Set<String> members;
    private final List<Direction> directions;
    private final AddressResolver resolver;

    private Topology(List<Link> links, List<MirroringSession> sessions, List<AddressReference> addresses,
                     Set<String> endpointHolders, Set<String> declared, AddressResolver resolver) {
        this.resolver = resolver;
        this.links = List.copyOf(links);
        this.sessions = List.copyOf(sessions);
        this.addresses = List.copyOf(addresses);
        Map<String, List<AddressReference>> byReporter = new HashMap<>();
        for (AddressReference r : addresses) {
            byReporter.computeIfAbsent(r.reporter(), k -> new ArrayList<>()).add(r);
        }
        this.addressesByReporter = byReporter;
        Map<String, EnumSet<LinkRole>> roles = new HashMap<>();
        Map<String, Set<String>> peers = new HashMap<>();
        Map<String, List<Link>> linksOf = new HashMap<>();
        Set<Direction> dirs = new LinkedHashSet<>();
        for (Link l : this.links) {
            linksOf.computeIfAbsent(l.a(), k -> new ArrayList<>()).add(l);
            linksOf.computeIfAbsent(l.b(), k -> new ArrayList<>()).add(l);
            if (l.role() == LinkRole.WITNESS) {
                roles.computeIfAbsent(l.a(), k -> EnumSet.noneOf(LinkRole.class)).add(LinkRole.WITNESS);
                roles.computeIfAbsent(l.b(), k -> EnumSet.noneOf(LinkRole.class)).add(LinkRole.PARTNER);
            } else {
                roles.computeIfAbsent(l.a(), k -> EnumSet.noneOf(LinkRole.class)).add(l.role());
                roles.computeIfAbsent(l.b(), k -> EnumSet.noneOf(LinkRole.class)).add(l.role());
            }
            peers.computeIfAbsent(l.a(), k -> new TreeSet<>()).add(l.b());
            peers.computeIfAbsent(l.b(), k -> new TreeSet<>()).add(l.a());
            dirs.add(new Direction(l.a(), l.b()));
            dirs.add(new Direction(l.b(), l.a()));
        }
        this.rolesByInstance = roles;
        this.peersByInstance = peers;
        this.linksByInstance = linksOf;
        Map<String, List<MirroringSession>> sessionsOf = new HashMap<>();
        for (MirroringSession s : this.sessions) {
            for (String x : new LinkedHashSet<>(java.util.Arrays.asList(s.principal(), s.mirror(), s.witness()))) {
                if (x != null) {
                    sessionsOf.computeIfAbsent(x, k -> new ArrayList<>()).add(s);
                }
            }
        }
        this.sessionsByInstance = sessionsOf;
        Set<String> m = new LinkedHashSet<>(endpointHolders);
        m.addAll(peers.keySet());
        m.addAll(declared);
        this.members = Collections.unmodifiableSet(m);
        this.directions = List.copyOf(dirs);
    }

    public List<Link> links() {
        return links;
    }

    public List<MirroringSession> sessions() {
        return sessions;
    }

    /** Every partner/witness/replica address any instance reported, resolved or not. */
    public List<AddressReference> addresses() {
        return addresses;
    }

    public List<AddressReference> addressesReportedBy(String instance) {
        return addressesByReporter.getOrDefault(instance, List.of());
    }

    /** Has a mirroring endpoint, is in a link (found or declared). */
    public boolean isMember(String instance) {
        return members.contains(instance);
    }

    /** PARTNER, REPLICA and/or WITNESS: what the instance is in its links (empty when in none). */
    public Set<LinkRole> rolesOf(String instance) {
        EnumSet<LinkRole> r = rolesByInstance.get(instance);
        return r == null ? Set.of() : Collections.unmodifiableSet(r);
    }

    public Set<String> peersOf(String instance) {
        return Collections.unmodifiableSet(peersByInstance.getOrDefault(instance, Set.of()));
    }

    /** The links the instance is in, in topology order. */
    public List<Link> linksOf(String instance) {
        return Collections.unmodifiableList(linksByInstance.getOrDefault(instance, List.of()));
    }

    /** The first link (in topology order) between two instances, or null when they are not linked. */
    public Link firstLinkBetween(String a, String b) {
        for (Link l : linksByInstance.getOrDefault(a, List.of())) {
            if (l.other(a).equals(b)) {
                return l;
            }
        }
        return null;
    }

    /** The mirroring sessions the instance is principal, mirror or witness of, in topology order. */
    public List<MirroringSession> sessionsOf(String instance) {
        return Collections.unmodifiableList(sessionsByInstance.getOrDefault(instance, List.of()));
    }

    /**
     * Whether the instance has the same place in both topologies: membership, links (with their sources),
     * addresses it reported (with what they resolved to) and sessions. Roles and peers follow from the links.
     * Incremental evaluation re-judges the instance when this differs, even if its own facts did not change.
     */
    public boolean samePlace(Topology other, String instance) {
        return isMember(instance) == other.isMember(instance)
                && linksOf(instance).equals(other.linksOf(instance))
                && addressesReportedBy(instance).equals(other.addressesReportedBy(instance))
                && sessionsOf(instance).equals(other.sessionsOf(instance));
    }

    /** Both directions of every link, each once. */
    public List<Direction> directions() {
        return directions;
    }

    /**
     * The audited instances an address's host stands for (aliases, host or name), whatever its port: used to tell
     * that an ENDPOINT_URL points at another audited instance. Rules ask {@code EvaluationContext.instancesAtHost},
     * which records the question: any instance of the fleet may be at a host.
     */
    public Set<String> instancesAtHost(String host) {
        return Collections.unmodifiableSet(resolver.instancesAtHost(host));
    }

    /**
     * Whether two versions of an instance's facts give the same topology: the target (name, host, aliases) and the
     * sections the topology is built from are equal. With the same instances in the same order and the same declared
     * links, a snapshot whose changed instances all pass this has the same topology (so it need not be rebuilt).
     * Keep in step with what {@link Builder} and {@link AddressResolver} read.
     */
    public static boolean sameInputs(InstanceFacts a, InstanceFacts b) {
        return a.target().equals(b.target()) && a.identity().equals(b.identity())
                && a.endpoints().equals(b.endpoints()) && a.mirroredDatabases().equals(b.mirroredDatabases())
                && a.witnessRoles().equals(b.witnessRoles())
                && a.availabilityReplicas().equals(b.availabilityReplicas())
                && a.availabilityGroups().equals(b.availabilityGroups());
    }

    public static Topology of(FleetSnapshot snapshot) {
        return new Builder(snapshot).build();
    }

    private static final class Builder {
        private final FleetSnapshot snapshot;
        private final AddressResolver resolver;
        private final Map<String, LinkBuilder> links = new LinkedHashMap<>();
        private final Map<Object, SessionBuilder> sessions = new LinkedHashMap<>();
        private final List<AddressReference> addresses = new ArrayList<>();
        private final Set<String> endpointHolders = new LinkedHashSet<>();
        private final Set<String> declared = new LinkedHashSet<>();
        private final Map<String, String> groupPrimaries = new HashMap<>();

        Builder(FleetSnapshot snapshot) {
            this.snapshot = snapshot;
            this.resolver = new AddressResolver(snapshot.instances());
        }

        Topology build() {
            indexGroupPrimaries();
            for (InstanceFacts i : snapshot.instances()) {
                if (i.endpoints().isRead() && !i.endpoints().value().isEmpty()) {
                    endpointHolders.add(i.name());
                }
                if (i.mirroredDatabases().isRead()) {
                    i.mirroredDatabases().value().forEach(db -> mirroredDatabase(i.name(), db));
                }
                if (i.witnessRoles().isRead()) {
                    i.witnessRoles().value().forEach(w -> witnessRole(i.name(), w));
                }
                if (i.availabilityReplicas().isRead()) {
                    replicas(i, i.availabilityReplicas().value());
                }
            }
            declaredLinks();
            List<Link> built = links.values().stream().map(LinkBuilder::build).toList();
            List<MirroringSession> s = sessions.values().stream()
                    .filter(b -> b.principal != null || b.mirror != null)
                    .map(SessionBuilder::build).toList();
            return new Topology(built, s, addresses, endpointHolders, declared, resolver);
        }

        private void mirroredDatabase(String x, MirroredDatabase db) {
            String source = "sys.database_mirroring";
            String partner = null;
            if (db.partnerName() != null && !db.partnerName().isBlank()) {
                partner = address(x, db.partnerName(), LinkRole.PARTNER, source);
                if (partner != null) {
                    link(LinkRole.PARTNER, x, partner, source + "@" + x);
                }
            }
            String witness = null;
            if (db.hasWitness()) {
                witness = address(x, db.witnessName(), LinkRole.WITNESS, source);
                if (witness != null) {
                    link(LinkRole.WITNESS, witness, x, source + "@" + x);
                    if (partner != null) {
                        link(LinkRole.WITNESS, witness, partner, source + "@" + x);
                    }
                }
            }
            SessionBuilder s = session(db.mirroringGuid(), x + "/" + db.databaseName(), db.databaseName());
            Integer role = db.role();
            if (role != null && role == 1) {
                s.principal = s.principal == null ? x : s.principal;
                s.mirror = s.mirror == null ? partner : s.mirror;
            } else if (role != null && role == 2) {
                s.mirror = s.mirror == null ? x : s.mirror;
                s.principal = s.principal == null ? partner : s.principal;
            }
            if (witness != null && s.witness == null) {
                s.witness = witness;
            }
        }

        private void witnessRole(String w, WitnessRole row) {
            String source = "sys.database_mirroring_witnesses";
            String p = serverName(w, row.principalServerName(), source);
            String m = serverName(w, row.mirrorServerName(), source);
            if (p != null) {
                link(LinkRole.WITNESS, w, p, source + "@" + w);
            }
            if (m != null) {
                link(LinkRole.WITNESS, w, m, source + "@" + w);
            }
            if (p != null && m != null) {
                link(LinkRole.PARTNER, p, m, source + "@" + w);
            }
            SessionBuilder s = session(row.mirroringGuid(), w + "/" + row.databaseName(), row.databaseName());
            s.principal = s.principal == null ? p : s.principal;
            s.mirror = s.mirror == null ? m : s.mirror;
            s.witness = s.witness == null ? w : s.witness;
        }

        /**
         * Which audited instance is the primary (for a distributed group: the global primary or forwarder) of each
         * availability group, by group name: a distributed group's replica rows name member groups, not servers.
         */
        private void indexGroupPrimaries() {
            for (InstanceFacts i : snapshot.instances()) {
                if (!i.availabilityReplicas().isRead() || !i.availabilityGroups().isRead()) {
                    continue;
                }
                Map<UUID, AvailabilityGroup> groups = new HashMap<>();
                i.availabilityGroups().value().forEach(g -> groups.put(g.groupId(), g));
                for (AvailabilityReplica r : i.availabilityReplicas().value()) {
                    AvailabilityGroup g = groups.get(r.groupId());
                    if (g != null && g.name() != null && !g.isDistributed() && Boolean.TRUE.equals(r.local())
                            && "PRIMARY".equalsIgnoreCase(r.roleDesc())) {
                        groupPrimaries.putIfAbsent(g.name().toLowerCase(java.util.Locale.ROOT), i.name());
                    }
                }
            }
        }

        private void replicas(InstanceFacts facts, List<AvailabilityReplica> replicas) {
            String x = facts.name();
            Set<UUID> distributed = new java.util.HashSet<>();
            if (facts.availabilityGroups().isRead()) {
                facts.availabilityGroups().value().stream().filter(AvailabilityGroup::isDistributed)
                        .forEach(g -> distributed.add(g.groupId()));
            }
            Map<UUID, List<String>> groups = new LinkedHashMap<>();
            String source = "sys.availability_replicas";
            for (AvailabilityReplica r : replicas) {
                String name;
                if (Boolean.TRUE.equals(r.local())) {
                    name = x;
                } else if (distributed.contains(r.groupId())) {
                    name = memberGroup(x, r, source);
                } else if (r.endpointUrl() != null) {
                    name = address(x, r.endpointUrl(), LinkRole.REPLICA, source);
                } else {
                    name = serverName(x, r.replicaServerName(), source);
                }
                if (name != null) {
                    groups.computeIfAbsent(r.groupId(), k -> new ArrayList<>()).add(name);
                }
            }
            for (List<String> members : groups.values()) {
                for (int i = 0; i < members.size(); i++) {
                    for (int j = i + 1; j < members.size(); j++) {
                        link(LinkRole.REPLICA, members.get(i), members.get(j), source + "@" + x);
                    }
                }
            }
        }

        /**
         * A distributed group's remote replica is a member availability group: its primary (or forwarder) when an
         * audited instance is that, else whatever the LISTENER_URL (endpoint_url) resolves to.
         */
        private String memberGroup(String reporter, AvailabilityReplica r, String source) {
            String group = r.replicaServerName();
            String primary = group == null ? null : groupPrimaries.get(group.toLowerCase(java.util.Locale.ROOT));
            if (primary != null) {
                addresses.add(new AddressReference(reporter, r.endpointUrl() != null ? r.endpointUrl() : group,
                        LinkRole.REPLICA, source, primary, null));
                return primary;
            }
            if (r.endpointUrl() != null) {
                return address(reporter, r.endpointUrl(), LinkRole.REPLICA, source);
            }
            addresses.add(new AddressReference(reporter, group, LinkRole.REPLICA, source, null,
                    "no audited instance is the primary of availability group '" + group + "' and no LISTENER_URL"));
            return null;
        }

        private void declaredLinks() {
            Map<String, String> byName = new HashMap<>();
            for (InstanceFacts i : snapshot.instances()) {
                byName.put(i.name().toLowerCase(java.util.Locale.ROOT), i.name());
            }
            for (DeclaredLink d : snapshot.declaredLinks()) {
                String a = byName.get(d.a() == null ? "" : d.a().toLowerCase(java.util.Locale.ROOT));
                String b = byName.get(d.b() == null ? "" : d.b().toLowerCase(java.util.Locale.ROOT));
                if (a != null && b != null) {
                    declared.add(a);
                    declared.add(b);
                    link(d.role(), a, b, "declared");
                } else if (a != null || b != null) {
                    String known = a != null ? a : b;
                    String unknown = a != null ? d.b() : d.a();
                    declared.add(known);
                    addresses.add(new AddressReference(known, unknown, d.role(), "declared", null,
                            "the config declares a link to '" + unknown + "', which is not audited (not configured, or not selected)"));
                }
            }
        }

        private String address(String reporter, String address, LinkRole role, String source) {
            AddressResolver.Resolution r = resolver.resolveAddress(address);
            addresses.add(new AddressReference(reporter, address, role, source, r.instance(), r.problem()));
            return r.instance();
        }

        private String serverName(String reporter, String name, String source) {
            AddressResolver.Resolution r = resolver.resolveServerName(name);
            addresses.add(new AddressReference(reporter, name, LinkRole.PARTNER, source, r.instance(), r.problem()));
            return r.instance();
        }

        private void link(LinkRole role, String a, String b, String source) {
            if (a.equals(b)) {
                return;
            }
            String first = a;
            String second = b;
            if (role != LinkRole.WITNESS && a.compareTo(b) > 0) {
                first = b;
                second = a;
            }
            String key = role + "|" + first + "|" + second;
            final String fa = first;
            final String fb = second;
            links.computeIfAbsent(key, k -> new LinkBuilder(fa, fb, role)).sources.add(source);
        }

        private SessionBuilder session(UUID guid, String fallbackKey, String database) {
            Object key = guid != null ? guid : fallbackKey;
            return sessions.computeIfAbsent(key, k -> new SessionBuilder(guid, database));
        }
    }

    private static final class LinkBuilder {
        final String a;
        final String b;
        final LinkRole role;
        final Set<String> sources = new TreeSet<>();

        LinkBuilder(String a, String b, LinkRole role) {
            this.a = a;
            this.b = b;
            this.role = role;
        }

        Link build() {
            return new Link(a, b, role, sources);
        }
    }

    private static final class SessionBuilder {
        final UUID guid;
        final String database;
        String principal;
        String mirror;
        String witness;

        SessionBuilder(UUID guid, String database) {
            this.guid = guid;
            this.database = database;
        }

        MirroringSession build() {
            return new MirroringSession(guid, database, principal, mirror, witness);
        }
    }
}
