package io.mirrorguard.dashboards;

import io.mirrorguard.rules.catalog.BuiltInRules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.agent.daemon.RuleEngineEvaluator;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.metrics.MetricFamilies;
import io.mirrorguard.agent.metrics.Scrape;
import io.mirrorguard.rules.engine.RuleEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Dashboards and alerts may only select series that exist: the agent's, our recording rules', and Prometheus' up. */
@ExtendWith(LiveAgents.Resolver.class)
class MetricNamesTest {

    /**
     * Against the real agent: its /metrics after auditing the demo-drift fleet over TDS, plus the families it only
     * registers on an event (a remediation), taken from the agent's own registry after it recorded one.
     */
    @Test
    void everyExpressionNamesOnlyMetricsTheAgentExports(LiveAgents agents) {
        SimulatedAgent agent = agents.agent(LiveAgents.DRIFT);
        String scrape = agent.scrape();
        Set<String> live = AgentMetricNames.fromScrapeText(scrape);
        assertThat(live).as("our scanner finds every family the agent's own parser finds")
                .containsAll(Scrape.parse(scrape).mirrorguardFamilies());

        Evaluation latest = agent.daemon().audits().latest().orElseThrow();
        RuleEngineEvaluator evaluator = new RuleEngineEvaluator(BuiltInRules.engine(), agent.config().toPolicy());
        Set<String> onEvent = new TreeSet<>(AgentMetrics.familyNamesAfterAudit(latest.snapshot(), evaluator));
        onEvent.removeAll(live);
        // the daemon records no remediation yet; every other family is in the live scrape
        assertThat(onEvent).containsExactly(MetricFamilies.REMEDIATIONS);

        Set<String> exported = new TreeSet<>(live);
        exported.addAll(onEvent);
        assertThat(exported).containsAll(MetricFamilies.ALL);
        assertThat(unknownNames(exported)).isEmpty();
    }

    /** The live check above can fail: without the remediation family the remediation panels are reported. */
    @Test
    void aFamilyTheAgentDoesNotExportIsReported(LiveAgents agents) {
        Set<String> live = AgentMetricNames.fromLiveAgent(agents.agent(LiveAgents.DRIFT));
        assertThat(unknownNames(live)).isNotEmpty()
                .allMatch(p -> p.endsWith(": " + MetricFamilies.REMEDIATIONS) && p.contains("Remediations per hour"));
    }

    /**
     * Against the hand-written sample of the metric contract (not the agent), which PrometheusEndToEndTest serves:
     * keeps that sample in step with the contract.
     */
    @Test
    void everyExpressionNamesOnlyMetricsOfTheContractSample() {
        Set<String> sample = AgentMetricNames.fromScrapeText(SampleMetrics.render(Instant.now()));
        assertThat(sample).containsExactlyInAnyOrder("mirrorguard_instance_up", "mirrorguard_audit_duration_seconds",
                "mirrorguard_audit_last_success_timestamp_seconds", "mirrorguard_audits_total", "mirrorguard_findings",
                "mirrorguard_rule_failures", "mirrorguard_rule_checks", "mirrorguard_checks", "mirrorguard_peer_trust",
                "mirrorguard_certificate_not_after_timestamp_seconds",
                "mirrorguard_certificate_not_before_timestamp_seconds", "mirrorguard_certificate_info",
                "mirrorguard_endpoint_info", "mirrorguard_build_info", "mirrorguard_remediations_total");
        assertThat(unknownNames(sample)).isEmpty();
    }

    @Test
    void anUnknownNameIsReported() {
        assertThat(unknownNames(Set.of("mirrorguard_instance_up"))).anyMatch(p -> p.contains("mirrorguard_findings"));
    }

    @Test
    void scrapeTextYieldsSampleNames() {
        String scrape = """
                # HELP mirrorguard_audits_total Audits
                # TYPE mirrorguard_audits counter
                mirrorguard_audits_total{instance="SQLA",outcome="success"} 3.0
                mirrorguard_audits_created{instance="SQLA",outcome="success"} 1.7E9
                mirrorguard_build_info{version="0.1.0"} 1
                process_uptime_seconds 12.5
                # EOF
                """;
        assertThat(AgentMetricNames.fromScrapeText(scrape)).containsExactly("mirrorguard_audits_created",
                "mirrorguard_audits_total", "mirrorguard_build_info", "process_uptime_seconds");
        assertThatThrownBy(() -> AgentMetricNames.fromScrapeText("ok 1\n{broken} 1\n"))
                .hasMessageContaining("line 2");
    }

    /** "where: name" for every selected name that is neither exported, recorded, nor Prometheus' own up. */
    static List<String> unknownNames(Set<String> exported) {
        AlertRules rules = AlertRules.shipped();
        Set<String> known = new HashSet<>(exported);
        rules.recordings().forEach(r -> known.add(r.record()));
        known.add("up");
        List<String> unknown = new ArrayList<>();
        for (Dashboard dashboard : Dashboard.shipped()) {
            for (Dashboard.Query query : dashboard.queries()) {
                PromqlNames.metricNames(query.expr()).stream().filter(n -> !known.contains(n))
                        .forEach(n -> unknown.add(query.where() + ": " + n));
            }
        }
        for (AlertRules.Rule rule : rules.rules()) {
            PromqlNames.metricNames(rule.expr()).stream().filter(n -> !known.contains(n))
                    .forEach(n -> unknown.add("alerts.yml " + rule.name() + ": " + n));
        }
        return unknown;
    }
}
