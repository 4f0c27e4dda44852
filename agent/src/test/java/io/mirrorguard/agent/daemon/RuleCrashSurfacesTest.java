package io.mirrorguard.agent.daemon;

import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.audit.AuditTrigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.metrics.MetricFamilies;
import io.mirrorguard.agent.metrics.Scrape;
import io.mirrorguard.agent.report.AuditReport;
import io.mirrorguard.agent.report.ReportContext;
import io.mirrorguard.agent.report.TextReportRenderer;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.agent.store.StoredFinding;
import io.mirrorguard.agent.testing.Facts;
import io.mirrorguard.rules.catalog.EndpointCertificateStrength;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.engine.Rule;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.Target;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule that throws surfaces everywhere (issue 12 item 3): ERROR on each instance it was evaluating, counted in
 * the summaries, exported as the ERROR outcome series, stored with the run, shown in reports, and counted by
 * --fail-on at the rule's severity.
 */
class RuleCrashSurfacesTest {

    @TempDir
    Path dir;

    /** endpoint-certificate-strength's metadata (severity MEDIUM), but the evaluation throws. */
    static final class Crashing implements Rule {
        @Override
        public RuleDescriptor descriptor() {
            return RuleDescriptor.of(EndpointCertificateStrength.class);
        }

        @Override
        public void evaluate(EvaluationContext context, Emitter out) {
            throw new IllegalStateException("index out of range in the crashing rule");
        }
    }

    @Test
    void a_crashing_rule_is_counted_exported_stored_reported_and_fails_the_gate() throws Exception {
        RuleEngine engine = new RuleEngine(List.of(new Crashing()));
        Map<String, InstanceFacts> facts = Map.of("SQLA", Facts.instance("SQLA", "SQLB"),
                "SQLB", Facts.instance("SQLB", "SQLA"));
        AgentMetrics metrics = new AgentMetrics("test");
        try (AuditStore store = AuditStore.open(dir);
             AuditService service = new AuditService(
                     List.of(new InstanceSpec(Target.named("SQLA"), Duration.ofSeconds(10)),
                             new InstanceSpec(Target.named("SQLB"), Duration.ofSeconds(10))),
                     List.of(), facts::get, new RuleEngineEvaluator(engine, Policy.defaults()), store, metrics,
                     Clock.systemUTC(), 2, Duration.ofDays(1))) {
            AuditRun run = service.auditFleet(AuditTrigger.ON_DEMAND);

            List<StoredFinding> stored = store.findingsOf(run.id());
            assertThat(stored).extracting(StoredFinding::instance).containsExactlyInAnyOrder("SQLA", "SQLB");
            assertThat(stored).allSatisfy(f -> {
                assertThat(f.outcome()).isEqualTo("ERROR");
                assertThat(f.message()).startsWith(RuleEngine.RULE_FAILED + "endpoint-certificate-strength threw")
                        .contains("index out of range");
            });

            Scrape scrape = Scrape.parse(metrics.scrape());
            for (String instance : List.of("SQLA", "SQLB")) {
                assertThat(scrape.samples(MetricFamilies.RULE_CHECKS)).anySatisfy(s -> {
                    assertThat(s.labels()).containsEntry("instance", instance)
                            .containsEntry("rule", EndpointCertificateStrength.ID).containsEntry("outcome", "ERROR");
                    assertThat(s.value()).isEqualTo(1.0);
                });
            }

            AuditResult result = service.latest().orElseThrow().result();
            assertThat(result.instances()).allSatisfy(s ->
                    assertThat(s.outcomes()).containsEntry(io.mirrorguard.rules.engine.Outcome.ERROR, 1));
            AuditReport report = AuditReport.of(result, engine.descriptors(),
                    new ReportContext("test", Instant.now(), null, Map.of()));
            assertThat(new TextReportRenderer(true).render(report)).contains("rule failed: endpoint-certificate-strength threw");
            assertThat(report.failingAtOrAbove(Severity.MEDIUM)).isEqualTo(2);
            assertThat(report.failingAtOrAbove(Severity.HIGH)).isZero();
        } finally {
            metrics.close();
        }
    }
}
