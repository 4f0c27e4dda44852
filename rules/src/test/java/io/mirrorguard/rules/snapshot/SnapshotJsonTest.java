package io.mirrorguard.rules.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.model.CollectionFailure;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.SectionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SnapshotJsonTest {

    private final FleetSnapshot fleet = Fleets.correctTwoPartnersAndWitness()
            .with("SQLB", b -> b.unread("connections", SectionStatus.NOT_VISIBLE))
            .build();

    @Test
    void a_snapshot_round_trips_unchanged() throws Exception {
        String json = SnapshotJson.write(fleet);
        assertThat(SnapshotJson.read(json)).isEqualTo(fleet);
        assertThat(json).contains("\"takenAt\" : \"2026-03-01T12:00:00Z\"").doesNotContain("\"read\"");
    }

    @Test
    void equal_text_read_twice_is_one_object() throws Exception {
        String json = SnapshotJson.write(fleet);
        var one = SnapshotJson.read(json).instances().get(0);
        var two = SnapshotJson.read(json).instances().get(0);
        assertThat(two.certificates().value().get(0).thumbprint())
                .isEqualTo(one.certificates().value().get(0).thumbprint())
                .isSameAs(one.certificates().value().get(0).thumbprint());
        assertThat(two.serverPrincipals().value().get(0).name()).isSameAs(one.serverPrincipals().value().get(0).name());
        assertThat(two.target().name()).isSameAs(one.target().name());
    }

    @Test
    void an_unreachable_instance_round_trips() throws Exception {
        FleetSnapshot s = Fleets.correctTwoPartnersAndWitness().with("SQLW", b -> b.unreachable()).build();
        FleetSnapshot back = SnapshotJson.read(SnapshotJson.write(s));
        assertThat(back).isEqualTo(s);
        assertThat(back.instances().get(2).collection().failure()).isEqualTo(CollectionFailure.UNREACHABLE);
    }

    @Test
    void a_wrong_type_names_the_json_path() throws Exception {
        ObjectNode root = tree();
        ((ObjectNode) root.at("/instances/0/endpoints/value/0")).put("state", "STARTED");
        assertThatThrownBy(() -> SnapshotJson.read(root.toString()))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessage("$.instances[0].endpoints.value[0].state: expected an integer");
    }

    @Test
    void a_number_where_a_string_belongs_is_rejected() throws Exception {
        ObjectNode root = tree();
        ((ObjectNode) root.at("/instances/1/certificates/value/0")).put("thumbprint", 12);
        assertThatThrownBy(() -> SnapshotJson.read(root.toString()))
                .hasMessageStartingWith("$.instances[1].certificates.value[0].thumbprint: expected a string");
    }

    @Test
    void an_unknown_field_is_rejected() throws Exception {
        ObjectNode root = tree();
        ((ObjectNode) root.at("/instances/0/target")).put("colour", "blue");
        assertThatThrownBy(() -> SnapshotJson.read(root.toString()))
                .hasMessageStartingWith("$.instances[0].target.colour: unknown field");
    }

    @Test
    void a_missing_field_is_rejected() throws Exception {
        ObjectNode root = tree();
        ((ObjectNode) root.at("/instances/0/masterKey/value")).remove("present");
        assertThatThrownBy(() -> SnapshotJson.read(root.toString()))
                .hasMessageContaining("$.instances[0].masterKey.value")
                .hasMessageContaining("missing required field 'present'");
    }

    @Test
    void a_read_section_without_value_is_rejected() throws Exception {
        ObjectNode root = tree();
        ((ObjectNode) root.at("/instances/0/certificates")).putNull("value");
        assertThatThrownBy(() -> SnapshotJson.read(root.toString()))
                .hasMessageStartingWith("$.instances[0].certificates: invalid value: a READ section needs a value");
    }

    @Test
    void a_bad_instant_and_a_bad_enum_are_rejected() throws Exception {
        ObjectNode root = tree();
        root.put("takenAt", "yesterday");
        assertThatThrownBy(() -> SnapshotJson.read(root.toString())).hasMessageStartingWith("$.takenAt: expected an ISO-8601");
        ObjectNode r2 = tree();
        ((ObjectNode) r2.at("/instances/0/certificates")).put("status", "MAYBE");
        assertThatThrownBy(() -> SnapshotJson.read(r2.toString()))
                .hasMessageStartingWith("$.instances[0].certificates.status: expected one of [READ, NOT_VISIBLE");
    }

    @Test
    void malformed_json_names_line_and_column() {
        assertThatThrownBy(() -> SnapshotJson.read("{\"formatVersion\": 1,\n \"takenAt\": }"))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessageStartingWith("$: malformed JSON at line 2");
    }

    @Test
    void an_unsupported_version_is_rejected() throws Exception {
        ObjectNode root = tree();
        root.put("formatVersion", 2);
        assertThatThrownBy(() -> SnapshotJson.read(root.toString())).hasMessageStartingWith("$.formatVersion: unsupported");
    }

    @Test
    void the_documented_example_parses() throws Exception {
        Path doc = Path.of("..", "docs", "snapshot-format.md");
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(doc));
        assertThat(m.find()).as("a ```json block in " + doc).isTrue();
        FleetSnapshot s = SnapshotJson.read(m.group(1));
        assertThat(s.instances()).isNotEmpty();
        assertThat(SnapshotJson.read(SnapshotJson.write(s))).isEqualTo(s);
    }

    private ObjectNode tree() throws Exception {
        JsonNode n = SnapshotJson.mapper().readTree(SnapshotJson.write(fleet));
        return (ObjectNode) n;
    }

    @SuppressWarnings("unused")
    private static ArrayNode array(JsonNode n) {
        return (ArrayNode) n;
    }

    @Test
    void an_ag_fleet_round_trips() throws Exception {
        FleetSnapshot ag = Fleets.correctDistributedAvailabilityGroup().build();
        assertThat(SnapshotJson.read(SnapshotJson.write(ag))).isEqualTo(ag);
    }

    @Test
    void a_snapshot_from_before_the_ag_sections_still_loads() throws Exception {
        FleetSnapshot ag = Fleets.correctAvailabilityGroup().build();
        ObjectNode root = (ObjectNode) SnapshotJson.mapper().readTree(SnapshotJson.write(
                new FleetSnapshot(ag.formatVersion(), ag.takenAt(), List.of(fleet.instances().get(0),
                        ag.instances().get(0)), List.of())));
        for (com.fasterxml.jackson.databind.JsonNode inst : root.path("instances")) {
            ((ObjectNode) inst).remove(List.of("availabilityGroups", "availabilityDatabases", "seedingOperations"));
            for (com.fasterxml.jackson.databind.JsonNode r : inst.path("availabilityReplicas").path("value")) {
                ((ObjectNode) r).remove(List.of("seedingMode", "seedingModeDesc"));
            }
        }
        FleetSnapshot back = SnapshotJson.read(root.toString());
        var mirroring = back.instances().get(0);
        assertThat(mirroring.availabilityGroups().isRead()).isTrue();
        assertThat(mirroring.availabilityGroups().value()).isEmpty();
        assertThat(mirroring.seedingOperations().isRead()).isTrue();
        var replica = back.instances().get(1);
        assertThat(replica.availabilityGroups().status()).isEqualTo(SectionStatus.NOT_COLLECTED);
        assertThat(replica.availabilityDatabases().reason()).contains("written before");
        assertThat(replica.availabilityReplicas().value()).allSatisfy(r -> assertThat(r.seedingMode()).isNull());
    }
}
