package io.mirrorguard.agent.collector;

import io.mirrorguard.rules.catalog.InstanceAudited;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.it.ProcedureExpectations;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.SectionStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The collector through mssql-jdbc, TLS with certificate validation, against the simulator after the procedure. */
class SimulatorCollectorTest {

    private static SimulatedFleetHarness sim;

    @BeforeAll
    static void start() {
        sim = new SimulatedFleetHarness("procedure-two-partners-witness.sql");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void documented_procedure_gives_fully_read_sections_with_expected_certificates_and_grants() {
        Map<String, InstanceFacts> facts = new LinkedHashMap<>();
        for (String name : List.of("SQLA", "SQLB", "SQLW")) {
            try (InstanceCollector c = new InstanceCollector(sim.config(name))) {
                facts.put(name, c.collect());
            }
        }
        ProcedureExpectations.assertProcedure(facts, true);
        assertThat(facts.get("SQLW").witnessRoles().value())
                .anySatisfy(w -> assertThat(w.databaseName()).isEqualToIgnoringCase("Sales"));
        // No availability group on this fleet: the AG sections are read, and empty.
        assertThat(facts.values()).allSatisfy(f -> {
            assertThat(f.availabilityGroups().value()).isEmpty();
            assertThat(f.availabilityDatabases().value()).isEmpty();
            assertThat(f.seedingOperations().value()).isEmpty();
        });
    }

    @Test
    void after_the_first_login_each_collect_is_exactly_one_batch() {
        try (InstanceCollector c = new InstanceCollector(sim.config("SQLB"))) {
            assertThat(c.collect().collection().succeeded()).isTrue();
            sim.instance("SQLB").clearReceivedBatches();
            InstanceFacts second = c.collect();
            InstanceFacts third = c.collect();
            assertThat(second.collection().succeeded()).isTrue();
            assertThat(third.collection().roundTrips()).isEqualTo(1);
            assertThat(sim.instance("SQLB").receivedBatches()).containsExactly(CatalogBatch.sql(), CatalogBatch.sql());
            assertThat(c.logins()).isEqualTo(1);
        }
    }

    @Test
    void audit_login_sees_everything_the_procedure_created() {
        try (InstanceCollector c = new InstanceCollector(sim.config("SQLA"))) {
            InstanceFacts f = c.collect();
            assertThat(f.serverPrincipals().value()).extracting(p -> p.name())
                    .contains("SQLB_login", "SQLW_login", "mirrorguard_audit");
            assertThat(f.masterPrincipals().value()).extracting(p -> p.name()).contains("SQLB_user", "SQLW_user");
            assertThat(f.serverPermissions().value()).anySatisfy(p -> {
                assertThat(p.granteeName()).isEqualTo("mirrorguard_audit");
                assertThat(p.permissionName()).isEqualTo("VIEW ANY DEFINITION");
            });
            assertThat(f.serverRoleMembers().value()).anySatisfy(m -> assertThat(m.roleName()).isEqualTo("sysadmin"));
            assertThat(f.connections().status()).isEqualTo(SectionStatus.READ);
        }
    }

    @Test
    void fleet_snapshot_of_the_procedure_passes_the_collection_rule() {
        var configs = List.of(sim.config("SQLA"), sim.config("SQLB"), sim.config("SQLW"));
        try (FleetCollector fleet = new FleetCollector(configs, List.of(), InstanceCollector::new,
                java.time.Clock.systemUTC())) {
            var snapshot = fleet.collectAll(3);
            assertThat(snapshot.instances()).extracting(InstanceFacts::name).containsExactly("SQLA", "SQLB", "SQLW");
            var result = io.mirrorguard.rules.catalog.BuiltInRules.engine()
                    .evaluate(snapshot, io.mirrorguard.rules.engine.Policy.defaults());
            assertThat(result.findings()).filteredOn(f -> f.ruleId().equals(InstanceAudited.ID))
                    .hasSize(3)
                    .allSatisfy(f -> assertThat(f.outcome()).isEqualTo(io.mirrorguard.rules.engine.Outcome.PASS));
        }
    }
}
