package io.mirrorguard.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.model.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetScopeTest {
    private static FleetScope.Uncollected uncollected(String name, String host) {
        return new FleetScope.Uncollected(new Target(name, host, 1433, List.of(), null), "not collected yet");
    }

    private final FleetScope scope = new FleetScope(List.of(uncollected("SQLA", "sqla.corp.example"),
            uncollected("SQLW", "sqlw.corp.example")));

    @Test
    void references_resolve_to_uncollected_instances_by_address_and_server_name_on_every_lookup() {
        for (int i = 0; i < 2; i++) {
            assertThat(scope.byReference("TCP://sqla.corp.example:5022")).map(u -> u.target().name()).contains("SQLA");
            assertThat(scope.byReference("SQLW")).map(u -> u.target().name()).contains("SQLW");
            assertThat(scope.byReference("TCP://other.corp.example:5022")).isEmpty();
            assertThat(scope.byReference(null)).isEmpty();
        }
        assertThat(FleetScope.snapshotOnly().byReference("SQLA")).isEmpty();
    }

    @Test
    void described_words_each_uncollected_instance_in_order() {
        assertThat(scope.described()).containsExactly("SQLA (not collected: not collected yet)",
                "SQLW (not collected: not collected yet)");
        assertThat(FleetScope.snapshotOnly().described()).isEmpty();
    }

    @Test
    void scopes_are_equal_when_their_uncollected_instances_are() {
        FleetScope same = new FleetScope(List.of(uncollected("SQLA", "sqla.corp.example"),
                uncollected("SQLW", "sqlw.corp.example")));
        same.byReference("SQLA"); // a built index does not take part in equality

        assertThat(same).isEqualTo(scope).hasSameHashCodeAs(scope);
        assertThat(new FleetScope(List.of(uncollected("SQLA", "sqla.corp.example")))).isNotEqualTo(scope);
        assertThat(new FleetScope(List.of())).isEqualTo(FleetScope.snapshotOnly());
    }
}
