package io.mirrorguard.agent.daemon;

import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.metrics.MetricFamilies;
import io.mirrorguard.agent.testing.Facts;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.FleetScope;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real rules engine through the daemon's seam, on a two-instance fixture fleet. */
class RuleEngineEvaluatorTest {
    private final RuleEngineEvaluator evaluator = new RuleEngineEvaluator(BuiltInRules.engine(), Policy.defaults());
    private final FleetSnapshot fleet = new FleetSnapshot(1, Facts.NOW,
            List.of(Facts.instance("SQLA", "SQLB"), Facts.instance("SQLB", "SQLA")), List.of());

    @Test
    void evaluation_carries_the_engine_result_its_findings_and_trust() {
        Evaluation e = evaluator.evaluate(fleet);
        assertThat(e.result()).isNotNull();
        AuditResult r = e.result();
        assertThat(e.findings()).isEqualTo(r.findings()).isNotEmpty();
        assertThat(e.trust()).hasSameSizeAs(r.trust());
        assertThat(evaluator.rules()).extracting(RuleInfo::id)
                .containsExactlyElementsOf(BuiltInRules.engine().descriptors().stream().map(d -> d.id()).toList());
    }

    @Test
    void every_metric_family_shows_after_a_real_evaluation() {
        assertThat(AgentMetrics.familyNamesAfterAudit(fleet, evaluator))
                .containsAll(MetricFamilies.ALL.stream()
                        .filter(f -> !f.equals(MetricFamilies.PEER_TRUST) || !evaluator.evaluate(fleet).trust().isEmpty())
                        .toList());
    }

    @Test
    void an_evaluation_from_the_previous_one_judges_only_the_changed_instance_again_and_equals_a_fresh_one() {
        FleetSnapshot four = new FleetSnapshot(1, Facts.NOW, List.of(Facts.instance("SQLA", "SQLB"),
                Facts.instance("SQLB", "SQLA"), Facts.instance("SQLC", "SQLD"), Facts.instance("SQLD", "SQLC")),
                List.of());
        List<InstanceFacts> changed = new ArrayList<>(four.instances());
        changed.set(2, Facts.unreachable("SQLC", "connect timed out"));
        FleetSnapshot sqlcDown = new FleetSnapshot(1, Facts.NOW.plusSeconds(60), changed, List.of());

        Evaluation first = evaluator.evaluate(null, four, FleetScope.snapshotOnly());
        Evaluation next = evaluator.evaluate(first, sqlcDown, FleetScope.snapshotOnly());

        // these fixture instances are in no session or group, so nothing links SQLC to another instance
        assertThat(next.engineState().rejudgedInstances()).containsExactly("SQLC");
        assertThat(next.engineState().verdictsReused()).isPositive();
        Evaluation fresh = evaluator.evaluate(sqlcDown, FleetScope.snapshotOnly());
        assertThat(next.findings()).containsExactlyElementsOf(fresh.findings());
        assertThat(next.trust()).containsExactlyElementsOf(fresh.trust());
        assertThat(next.result()).isEqualTo(fresh.result());
    }

    @Test
    void an_evaluation_from_another_evaluator_is_no_basis_and_everything_is_judged() {
        Evaluation foreign = new Evaluation(Facts.NOW, fleet, List.of(), List.of(), null);

        Evaluation e = evaluator.evaluate(foreign, fleet, FleetScope.snapshotOnly());

        assertThat(e.engineState().rejudgedInstances()).containsExactlyInAnyOrder("SQLA", "SQLB");
        assertThat(e.engineState().verdictsReused()).isZero();
    }
}
