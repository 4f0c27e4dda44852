package io.mirrorguard.rules.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.fixtures.FleetBuilder;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.fixtures.InstanceBuilder;
import io.mirrorguard.rules.fixtures.Rec;
import io.mirrorguard.rules.model.AvailabilityReplica;
import io.mirrorguard.rules.model.DeclaredLink;
import io.mirrorguard.rules.model.LinkRole;
import io.mirrorguard.rules.model.SectionStatus;
import io.mirrorguard.rules.model.Target;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TopologyTest {

    @Test
    void addresses_parse_with_and_without_domain_and_ipv6() {
        assertThat(NetworkAddress.parse("TCP://SQLA.corp.example:5022")).contains(new NetworkAddress("SQLA.corp.example", 5022));
        assertThat(NetworkAddress.parse("tcp://[::1]:7022")).contains(new NetworkAddress("::1", 7022));
        assertThat(NetworkAddress.parse("SQLA:5022")).isEmpty();
        assertThat(NetworkAddress.parse("TCP://SQLA:port")).isEmpty();
        assertThat(NetworkAddress.firstLabel("SQLA.corp.example")).isEqualTo("sqla");
        assertThat(NetworkAddress.firstLabel("10.0.0.5")).isEqualTo("10.0.0.5");
    }

    @Test
    void aliases_win_over_host_labels() {
        FleetBuilder f = Fleets.correctTwoPartnersAndWitness();
        f.instance("SQLB").target = new Target("SQLB", "10.0.0.12", 1433, List.of("db-mirror-b*"), Map.of());
        f.instance("SQLA").mirroredDatabases.replaceAll(d -> Rec.with(d, "partnerName", "TCP://DB-MIRROR-B01.corp:5022"));
        Topology t = Topology.of(f.build());
        assertThat(t.addressesReportedBy("SQLA")).anySatisfy(r -> {
            assertThat(r.address()).isEqualTo("TCP://DB-MIRROR-B01.corp:5022");
            assertThat(r.resolvedTo()).isEqualTo("SQLB");
        });
    }

    @Test
    void a_port_that_is_not_the_endpoint_port_does_not_match() {
        FleetBuilder f = Fleets.correctTwoPartnersAndWitness();
        f.instance("SQLA").mirroredDatabases.replaceAll(d -> Rec.with(d, "partnerName", "TCP://sqlb:5023"));
        Topology t = Topology.of(f.build());
        assertThat(t.addressesReportedBy("SQLA")).filteredOn(r -> r.address().equals("TCP://sqlb:5023")).singleElement()
                .satisfies(r -> {
                    assertThat(r.resolved()).isFalse();
                    assertThat(r.problem()).contains("5023");
                });
    }

    @Test
    void instances_on_one_host_are_told_apart_by_endpoint_port() {
        FleetBuilder f = Fleets.correctTwoPartnersAndWitness();
        int port = 5022;
        for (String n : List.of("SQLA", "SQLB", "SQLW")) {
            InstanceBuilder b = f.instance(n);
            b.target = new Target(n, "127.0.0.1", 14330 + port - 5021, List.of(), Map.of());
            int p = port++;
            b.endpoint(e -> Rec.with(e, "port", p));
        }
        f.instance("SQLA").mirroredDatabases.replaceAll(d -> Rec.with(Rec.with(d, "partnerName", "TCP://127.0.0.1:5023"),
                "witnessName", "TCP://127.0.0.1:5024"));
        f.instance("SQLB").mirroredDatabases.replaceAll(d -> Rec.with(Rec.with(d, "partnerName", "TCP://127.0.0.1:5022"),
                "witnessName", "TCP://127.0.0.1:5024"));
        Topology t = Topology.of(f.build());
        assertThat(t.addresses()).allSatisfy(r -> assertThat(r.resolved()).as(r.toString()).isTrue());
        assertThat(t.links()).hasSize(3);
    }

    @Test
    void two_candidates_are_ambiguous() {
        FleetBuilder f = Fleets.correctTwoPartnersAndWitness();
        f.instance("SQLW").target = new Target("SQLW", "sqlb.other.example", 1433, List.of(), Map.of());
        Topology t = Topology.of(f.build());
        assertThat(t.addressesReportedBy("SQLA")).filteredOn(r -> r.address().contains("sqlb")).singleElement()
                .satisfies(r -> assertThat(r.problem()).startsWith("ambiguous"));
    }

    @Test
    void the_witness_view_alone_gives_the_session_links() {
        FleetBuilder f = Fleets.correctTwoPartnersAndWitness()
                .with("SQLA", b -> b.unread("mirroredDatabases", SectionStatus.NOT_VISIBLE))
                .with("SQLB", b -> b.unread("mirroredDatabases", SectionStatus.NOT_VISIBLE));
        Topology t = Topology.of(f.build());
        assertThat(t.links()).extracting(Link::role).containsExactlyInAnyOrder(LinkRole.PARTNER, LinkRole.WITNESS,
                LinkRole.WITNESS);
        assertThat(t.sessions()).singleElement().isEqualTo(new MirroringSession(Fleets.SALES_GUID, "Sales", "SQLA",
                "SQLB", "SQLW"));
        assertThat(t.directions()).hasSize(6);
    }

    @Test
    void availability_replicas_link_every_pair() {
        FleetBuilder f = new FleetBuilder();
        UUID group = UUID.randomUUID();
        List<String> names = List.of("AG1", "AG2", "AG3");
        for (String n : names) {
            InstanceBuilder b = Fleets.instance(n, 3, names.stream().filter(x -> !x.equals(n)).toList());
            for (String r : names) {
                b.availabilityReplicas.add(new AvailabilityReplica(group, UUID.nameUUIDFromBytes(r.getBytes()), r,
                        Fleets.address(r), 1, "SYNCHRONOUS_COMMIT", 0, "AUTOMATIC", r.equals(n), null, null, null,
                        null, null, null, null, 1, "MANUAL"));
            }
            f.add(b);
        }
        Topology t = Topology.of(f.build());
        assertThat(t.links()).hasSize(3).allSatisfy(l -> {
            assertThat(l.role()).isEqualTo(LinkRole.REPLICA);
            assertThat(l.sources()).hasSize(3);
        });
        assertThat(t.rolesOf("AG2")).containsExactly(LinkRole.REPLICA);
    }

    @Test
    void declared_links_make_members_and_unknown_names_are_reported() {
        FleetBuilder f = new FleetBuilder();
        InstanceBuilder a = Fleets.instance("SQLA", 3, List.of("SQLB"));
        InstanceBuilder b = Fleets.instance("SQLB", 3, List.of("SQLA"));
        f.add(a).add(b);
        f.declaredLinks.add(new DeclaredLink("SQLA", "SQLB", LinkRole.PARTNER));
        f.declaredLinks.add(new DeclaredLink("SQLA", "SQLZ", LinkRole.WITNESS));
        Topology t = Topology.of(f.build());
        assertThat(t.links()).singleElement().satisfies(l -> assertThat(l.sources()).containsExactly("declared"));
        assertThat(t.addressesReportedBy("SQLA")).singleElement().satisfies(r -> {
            assertThat(r.resolved()).isFalse();
            assertThat(r.problem()).contains("SQLZ");
        });
    }

    @Test
    void an_instance_with_an_endpoint_but_no_links_is_a_member_without_role() {
        FleetBuilder f = new FleetBuilder().add(Fleets.instance("LONE", 3, List.of()));
        Topology t = Topology.of(f.build());
        assertThat(t.isMember("LONE")).isTrue();
        assertThat(t.rolesOf("LONE")).isEmpty();
        assertThat(t.links()).isEmpty();
    }

    @Test
    void every_pair_of_replicas_of_an_ag_is_a_link_trusted_both_ways() {
        Topology t = Topology.of(Fleets.correctAvailabilityGroup().build());
        assertThat(t.links()).hasSize(3).allSatisfy(l -> assertThat(l.role()).isEqualTo(LinkRole.REPLICA));
        assertThat(t.directions()).hasSize(6);
        assertThat(t.peersOf("LNX2")).containsExactlyInAnyOrder("LNX1", "LNX3");
        assertThat(t.addresses()).allSatisfy(a -> assertThat(a.resolved()).isTrue());
    }

    @Test
    void a_distributed_ag_links_the_primary_and_the_forwarder_by_member_group() {
        Topology t = Topology.of(Fleets.correctDistributedAvailabilityGroup().build());
        assertThat(t.links()).extracting(Link::a, Link::b).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("SQLP1", "SQLP2"),
                org.assertj.core.groups.Tuple.tuple("SQLQ1", "SQLQ2"),
                org.assertj.core.groups.Tuple.tuple("SQLP1", "SQLQ1"));
        assertThat(t.directions()).contains(new Topology.Direction("SQLP1", "SQLQ1"),
                new Topology.Direction("SQLQ1", "SQLP1"));
        assertThat(t.addressesReportedBy("SQLP1")).anySatisfy(a -> {
            assertThat(a.address()).isEqualTo("TCP://agq-listener.corp.example:5022");
            assertThat(a.resolvedTo()).isEqualTo("SQLQ1");
        });
    }

    @Test
    void a_distributed_ag_whose_other_group_is_not_audited_falls_back_to_the_listener_url() {
        FleetBuilder f = Fleets.correctDistributedAvailabilityGroup().without("SQLQ1").without("SQLQ2");
        f.instance("SQLP1").target = Rec.with(f.instance("SQLP1").target, "aliases", List.of());
        Topology t = Topology.of(f.build());
        assertThat(t.links()).extracting(Link::a, Link::b)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SQLP1", "SQLP2"));
        assertThat(t.addressesReportedBy("SQLP1")).anySatisfy(a -> {
            assertThat(a.address()).isEqualTo("TCP://agq-listener.corp.example:5022");
            assertThat(a.resolved()).isFalse();
        });
    }

    @Test
    void the_listener_url_resolves_through_an_alias_when_the_group_primary_is_unknown() {
        FleetBuilder f = Fleets.correctDistributedAvailabilityGroup()
                .with("SQLQ1", b -> {
                    b.target = Rec.with(b.target, "aliases", List.of("agq-listener.corp.example"));
                    b.availabilityGroups.removeIf(g -> g.name().equals("agq"));
                });
        Topology t = Topology.of(f.build());
        assertThat(t.links()).extracting(Link::a, Link::b).contains(org.assertj.core.groups.Tuple.tuple("SQLP1", "SQLQ1"));
    }
}
