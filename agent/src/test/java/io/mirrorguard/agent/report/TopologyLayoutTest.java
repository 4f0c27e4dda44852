package io.mirrorguard.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyLayoutTest {

    private final TopologyLayout layout = TopologyLayout.of(ReportFixtures.report());

    private TopologyLayout.Edge edge(String from, String to) {
        return layout.edges().stream().filter(e -> e.from().equals(from) && e.to().equals(to)).findFirst()
                .orElseThrow();
    }

    @Test
    void every_linked_pair_gets_one_arrow_per_direction_with_the_accepting_sides_trust() {
        assertThat(layout.edges()).hasSize(4);
        // SQLB lacks SQLA's certificate and CONNECT: SQLA's connections to SQLB are broken
        assertThat(edge("SQLA", "SQLB").state()).isEqualTo("broken");
        assertThat(edge("SQLA", "SQLB").missing()).containsExactly("certificate", "CONNECT");
        assertThat(edge("SQLA", "SQLB").description()).contains("SQLB does not trust SQLA").contains("CONNECT");
        assertThat(edge("SQLB", "SQLA").state()).isEqualTo("complete");
        assertThat(edge("SQLB", "SQLA").roles()).isEqualTo("partner");
        assertThat(edge("SQLW", "SQLA").roles()).isEqualTo("witness");
    }

    @Test
    void every_instance_is_a_node_inside_the_picture_and_the_two_directions_do_not_overlap() {
        assertThat(layout.nodes()).extracting(TopologyLayout.Node::name)
                .containsExactly("SQLA", "SQLB", "SQLW", ReportFixtures.HOSTILE);
        assertThat(layout.nodes()).filteredOn(n -> n.name().equals(ReportFixtures.HOSTILE))
                .extracting(TopologyLayout.Node::state).containsExactly("down");
        for (TopologyLayout.Node n : layout.nodes()) {
            assertThat(n.x()).isBetween((double) n.radius(), (double) layout.width() - n.radius());
            assertThat(n.y()).isBetween((double) n.radius(), (double) layout.height() - n.radius());
        }
        TopologyLayout.Edge there = edge("SQLA", "SQLB");
        TopologyLayout.Edge back = edge("SQLB", "SQLA");
        double distance = Math.hypot((there.x1() + there.x2()) / 2 - (back.x1() + back.x2()) / 2,
                (there.y1() + there.y2()) / 2 - (back.y1() + back.y2()) / 2);
        assertThat(distance).isGreaterThan(10);
    }

    @Test
    void a_direction_without_evaluated_trust_is_unknown_not_complete() {
        AuditReport report = ReportFixtures.report();
        AuditReport noTrust = new AuditReport(report.schemaVersion(), report.generatedAt(), report.snapshotTakenAt(),
                report.toolName(), report.toolVersion(), report.source(), report.summary(), report.instances(),
                report.findings(), List.of(), report.links(), report.rules());
        assertThat(TopologyLayout.of(noTrust).edges()).extracting(TopologyLayout.Edge::state).containsOnly("unknown");
    }
}
