package io.mirrorguard.agent.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MirroredDatabase;
import io.mirrorguard.simulator.SimulatorDefaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sys.database_mirroring on a mirror database: SQL Server shows its mirroring columns only to sysadmin (issue 12
 * item 4). The simulator does the same; the collector keeps the row (a RESTORING database) so the rules can say
 * what is true instead of "no mirrored database".
 */
class MirrorSideRowsTest {

    private static SimulatedFleetHarness sim;

    @BeforeAll
    static void start() {
        sim = new SimulatedFleetHarness("procedure-two-partners-witness.sql");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static InstanceFacts collect(String instance, String login, String password) {
        try (InstanceCollector c = new InstanceCollector(sim.config(instance, instance, login, password, 30,
                sim.validatingTls()))) {
            return c.collect();
        }
    }

    @Test
    void a_least_privilege_login_sees_the_mirror_row_with_hidden_columns() {
        InstanceFacts b = collect("SQLB", SimulatedFleetHarness.AUDIT_LOGIN, SimulatedFleetHarness.AUDIT_PASSWORD);

        assertThat(b.mirroredDatabases().value()).singleElement().satisfies(db -> {
            assertThat(db.databaseName()).isEqualTo("Sales");
            assertThat(db.columnsHidden()).isTrue();
            assertThat(db.role()).isNull();
            assertThat(db.partnerName()).isNull();
        });
    }

    @Test
    void sysadmin_sees_the_mirror_role_and_partner() {
        InstanceFacts b = collect("SQLB", SimulatorDefaults.SA_LOGIN, SimulatorDefaults.SA_PASSWORD);

        assertThat(b.mirroredDatabases().value()).singleElement().satisfies(db -> {
            assertThat(db.columnsHidden()).isFalse();
            assertThat(db.roleDesc()).isEqualTo("MIRROR");
            assertThat(db.partnerName()).isNotBlank();
        });
    }

    @Test
    void the_principal_row_is_visible_to_the_least_privilege_login() {
        InstanceFacts a = collect("SQLA", SimulatedFleetHarness.AUDIT_LOGIN, SimulatedFleetHarness.AUDIT_PASSWORD);

        assertThat(a.mirroredDatabases().value()).extracting(MirroredDatabase::roleDesc).containsExactly("PRINCIPAL");
    }
}
