package io.mirrorguard.rules.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.fixtures.FleetBuilder;
import io.mirrorguard.rules.fixtures.Fleets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Breaking one step of the AG certificate procedure makes exactly the expected rules fail, with evidence. */
class AgProcedureMutationTest {

    static List<RuleFixtures> cases() {
        return AgRuleFixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void one_broken_step_fails_exactly_the_expected_rules(RuleFixtures c) {
        FleetBuilder fleet = Fleets.correctAvailabilityGroup();
        c.mutation().accept(fleet);
        AuditResult result = Audit.ENGINE.evaluate(fleet.build(), c.policy());

        assertThat(Audit.failingRules(result)).as(c.name()).containsExactlyInAnyOrderElementsOf(c.failing());
        List<Finding> primary = Audit.findings(result, c.rule(), Outcome.FAIL);
        assertThat(primary).as("FAIL of " + c.rule()).isNotEmpty();
        assertThat(primary).anySatisfy(f -> assertThat(List.of(f.instance(), String.valueOf(f.peer())))
                .contains(c.instance()));
        for (Finding f : primary) {
            assertThat(f.evidence().observed()).as("observed of " + f).isNotBlank();
            assertThat(f.evidence().expected()).as("expected of " + f).isNotBlank();
        }
    }
}
