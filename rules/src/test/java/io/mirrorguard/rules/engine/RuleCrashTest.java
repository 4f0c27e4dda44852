package io.mirrorguard.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.catalog.StaleEndpointTrust;
import io.mirrorguard.rules.fixtures.Fleets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rule that throws is an ERROR on every instance it was evaluating, counted in their summaries (issue 12 item 3). */
class RuleCrashTest {

    /** Borrows a real rule's metadata; emits a PASS on SQLA, then throws. */
    static final class Crashing implements Rule {
        @Override
        public RuleDescriptor descriptor() {
            return RuleDescriptor.of(StaleEndpointTrust.class);
        }

        @Override
        public void evaluate(EvaluationContext context, Emitter out) {
            out.pass("SQLA", null, "SQLA/x", "half a verdict", null);
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void a_throwing_rule_is_an_error_on_each_instance_and_counted_in_its_summary() {
        AuditResult r = new RuleEngine(List.of(new Crashing()))
                .evaluate(Fleets.correctTwoPartnersAndWitness().build(), Policy.defaults());

        assertThat(r.findings()).extracting(Finding::instance).containsExactlyInAnyOrder("SQLA", "SQLB", "SQLW");
        assertThat(r.findings()).allSatisfy(f -> {
            assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(f.message()).startsWith(RuleEngine.RULE_FAILED).contains("boom");
        });
        assertThat(r.instances()).allSatisfy(s -> assertThat(s.outcomes()).containsEntry(Outcome.ERROR, 1));
    }
}
