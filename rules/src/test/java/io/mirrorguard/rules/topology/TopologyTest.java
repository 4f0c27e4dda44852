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
                        null, null, null, null));
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
}
