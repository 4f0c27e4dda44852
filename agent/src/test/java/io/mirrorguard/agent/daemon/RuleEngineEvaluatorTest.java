package io.mirrorguard.agent.daemon;

import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.metrics.MetricFamilies;
import io.mirrorguard.agent.testing.Facts;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.model.FleetSnapshot;
import org.junit.jupiter.api.Test;

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
}
